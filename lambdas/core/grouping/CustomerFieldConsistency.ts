import { differingFields } from '../validating/index.js';
import { NO_LINE } from './CustomerCodes.js';
import { GrowableNumberArray } from './GrowableNumberArray.js';
import type { RejectionLedger } from './RejectionLedger.js';
import { shortHashOf } from './shortHash.js';

/**
 * The rule that customer fields are equal on every row of a customer (SPEC §1). It keeps a 53-bit hash of the
 * customer fields of each customer's first valid row and its line, not the fields: they would be most of the
 * memory. Naming the differing field of a conflict takes the first row's fields, which the caller reads again for
 * the few lines `conflictLines()` lists.
 */
export class CustomerFieldConsistency {
  private readonly textHashes = new GrowableNumberArray('float64');
  private readonly firstLines = new GrowableNumberArray();
  private readonly conflicts: { id: number; line: number; text: string }[] = [];
  private previousId = -1;
  private previousText = '';

  constructor(private readonly ledger: RejectionLedger) {}

  addCustomer(): void {
    this.textHashes.push(0);
    this.firstLines.push(NO_LINE);
  }

  /** Checks a valid row's customer text against the customer's first valid row. */
  check(id: number, line: number, text: string): void {
    // Adjacent rows of one customer share the validator's text string: no need to hash it again.
    if (id === this.previousId && text === this.previousText) return;
    this.previousId = id;
    this.previousText = text;
    if (this.firstLines.at(id) === NO_LINE) {
      this.textHashes.set(id, shortHashOf(text));
      this.firstLines.set(id, line);
    } else if (this.textHashes.at(id) !== shortHashOf(text)) {
      this.ledger.reject(id);
      this.conflicts.push({ id, line, text });
    }
  }

  /** Lines whose customer fields are needed to name the fields in conflict (first valid row of each customer). */
  conflictLines(): number[] {
    return [...new Set(this.conflicts.map(({ id }) => this.firstLines.at(id)))];
  }

  /** Reports each conflict, naming the differing fields. `firstTexts`: customer text by line, for conflicts. */
  reportConflicts(firstTexts: ReadonlyMap<number, string>): void {
    for (const { id, line, text } of this.conflicts) {
      const firstLine = this.firstLines.at(id);
      const firstText = firstTexts.get(firstLine);
      const differences = firstText === undefined ? [] : differingFields(firstText, text);
      if (differences.length === 0) {
        // Only when the caller could not give the first row's fields back: still name both lines.
        this.ledger.report(id, line, {
          field: 'row',
          code: 'conflicting_value',
          message: `has customer fields that differ from line ${firstLine} of the same customer`,
        });
      }
      for (const { field, first, second } of differences) {
        this.ledger.report(id, line, {
          field,
          value: second,
          code: 'conflicting_value',
          message: `is "${second}" on line ${line} but "${first}" on line ${firstLine} of the same customer`,
        });
      }
    }
  }
}
