import { differingFields } from '../validating/index.js';
import { NO_LINE } from './CustomerCodes.js';
import { GrowableNumberArray } from './GrowableNumberArray.js';
import { shortHashOf } from './keys.js';
import type { RejectionLedger } from './RejectionLedger.js';

/**
 * The rule that customer fields are equal on every row of a customer (SPEC §1). It keeps a 53-bit hash of the
 * customer fields of each customer's first valid row and its line, not the fields: they would be most of the
 * memory. Naming the differing field of a conflict takes the first row's fields, which the caller reads again for
 * the few lines `conflictLines()` lists.
 */
export class CustomerFieldConsistency {
  private readonly keyHashes = new GrowableNumberArray('float64');
  private readonly keyLines = new GrowableNumberArray();
  private readonly conflicts: { id: number; line: number; key: string }[] = [];
  private previousId = -1;
  private previousKey = '';

  constructor(private readonly ledger: RejectionLedger) {}

  addCustomer(): void {
    this.keyHashes.push(0);
    this.keyLines.push(NO_LINE);
  }

  /** Checks a valid row's customer key against the customer's first valid row. */
  check(id: number, line: number, key: string): void {
    // Adjacent rows of one customer share the validator's key string: no need to hash it again.
    if (id === this.previousId && key === this.previousKey) return;
    this.previousId = id;
    this.previousKey = key;
    if (this.keyLines.at(id) === NO_LINE) {
      this.keyHashes.set(id, shortHashOf(key));
      this.keyLines.set(id, line);
    } else if (this.keyHashes.at(id) !== shortHashOf(key)) {
      this.ledger.reject(id);
      this.conflicts.push({ id, line, key });
    }
  }

  /** Lines whose customer fields are needed to name the fields in conflict (first valid row of each customer). */
  conflictLines(): number[] {
    return [...new Set(this.conflicts.map(({ id }) => this.keyLines.at(id)))];
  }

  /** Reports each conflict, naming the differing fields. `firstKeys`: customer key by line, for conflicts. */
  reportConflicts(firstKeys: ReadonlyMap<number, string>): void {
    for (const { id, line, key } of this.conflicts) {
      const firstLine = this.keyLines.at(id);
      const firstKey = firstKeys.get(firstLine);
      const differences = firstKey === undefined ? [] : differingFields(firstKey, key);
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
