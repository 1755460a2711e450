import type { RejectedRow } from '../types.js';
import type { Problem, ValidRow } from '../validating/index.js';
import { differingFields } from '../validating/index.js';
import { DigestSums } from './DigestSums.js';
import { GrowableNumberArray } from './GrowableNumberArray.js';
import { contentKeyOf, shortHashOf } from './keys.js';

const NO_CUSTOMER = -1;
const NO_LINE = 0;

interface ShippingAddress {
  line: number;
  codeHash: number;
}

/** What grouping found: every problem (sorted by line), and the content hash of each valid customer. */
export interface GroupingResult {
  rejected: RejectedRow[];
  /** Distinct customer codes seen, valid or not. */
  customers: number;
  validCustomers: number;
  /**
   * Valid customer code → content hash, built on the first call: change detection needs it, a plain validation
   * does not, and for a million rows it is a map of half a million strings.
   */
  contentHashes(): ReadonlyMap<string, string>;
  /** Data rows (lines) rejected, on their own or with their customer. */
  rejectedRows: number;
}

/**
 * Gathers rows into customers (rows of one customer need not be adjacent) and applies the rules that span rows:
 * one billing address, shipping addresses told apart by `address_code`, customer fields equal on every row.
 * A customer with any rejected row is rejected whole, each of its rows listed.
 *
 * It keeps a few compact values per customer and 8 bytes per row, never the rows themselves, so a file of a
 * million rows fits in a small Lambda; the payloads are rebuilt by a second pass over the file for the customers
 * that go on.
 */
export class CustomerGrouper {
  private readonly ids = new Map<string, number>();
  private readonly codes: string[] = [];
  /**
   * A 53-bit hash of the customer fields of the first valid row (set once `keyLines` holds that row's line), to
   * find rows of the customer that disagree. A hash, not the fields: they would be most of the memory. Naming the
   * differing field of a conflict takes the first row's fields, which the caller reads again for the few lines
   * `conflictLines()` lists.
   */
  private readonly customerKeyHashes = new GrowableNumberArray('float64');
  private readonly conflicts: { id: number; line: number; key: string }[] = [];
  private previousId = NO_CUSTOMER;
  private previousKey = '';
  /** The customer code and id of the row looked up last. */
  private lastCode: string | undefined;
  private lastId = NO_CUSTOMER;
  private readonly keyLines = new GrowableNumberArray();
  private readonly firstLines = new GrowableNumberArray();
  private readonly billingLines = new GrowableNumberArray();
  /**
   * The content hash of each customer: the sum of the digests of its accepted rows (customer fields and address).
   * A sum does not depend on the order rows come in, and needs no row kept.
   */
  private readonly contentSums = new DigestSums();
  /**
   * The first shipping address of each customer, for telling address codes apart: the line, and a hash of the code
   * (most customers have one shipping address, and a string per customer would be most of the memory).
   */
  private readonly shippingLines = new GrowableNumberArray();
  private readonly shippingCodeHashes = new GrowableNumberArray('float64');
  /** Further shipping addresses of the few customers with more than one. */
  private readonly moreShipping = new Map<number, ShippingAddress[]>();
  private readonly rejectedCustomers = new Set<number>();
  private readonly rowCustomers = new GrowableNumberArray();
  private readonly rowLines = new GrowableNumberArray();
  private readonly problems: RejectedRow[] = [];
  /** Whether rows are folded into content hashes. */
  private readonly hashing: boolean;

  /**
   * @param options.contentHashes whether to fold each row into its customer's content hash (default true). Change
   * detection needs the hashes; a plain validation (the `validate` command) does not, and skips a digest a row.
   */
  constructor(options: { contentHashes?: boolean } = {}) {
    this.hashing = options.contentHashes !== false;
  }

  /** Adds a row that passed validation on its own. */
  addValid(line: number, row: ValidRow): void {
    const id = this.idOf(row.customer.customer_code, line);
    this.recordRow(id, line);
    const key = row.customerKey;
    // Adjacent rows of one customer share the validator's key string: no need to digest it again.
    if (id === this.previousId && key === this.previousKey) {
      // same customer fields as the row before
    } else if (this.keyLines.at(id) === NO_LINE) {
      this.customerKeyHashes.set(id, shortHashOf(key));
      this.keyLines.set(id, line);
    } else if (this.customerKeyHashes.at(id) !== shortHashOf(key)) {
      this.rejectedCustomers.add(id);
      this.conflicts.push({ id, line, key });
    }
    this.previousId = id;
    this.previousKey = key;
    if (row.address.address_type === 'billing') this.addBilling(id, line, row);
    else this.addShipping(id, line, row);
  }

  /** Adds a row that failed validation; its customer (when the row names one) is rejected with it. */
  addRejected(line: number, customerCode: string | undefined, problems: Problem[]): void {
    const id = customerCode === undefined ? NO_CUSTOMER : this.idOf(customerCode, line);
    this.recordRow(id, line);
    for (const problem of problems) this.report(id, line, problem);
  }

  /** Lines whose customer fields `finish` needs to name the fields in conflict (first valid row of each customer). */
  conflictLines(): number[] {
    return [...new Set(this.conflicts.map(({ id }) => this.keyLines.at(id)))];
  }

  /** Applies the rules that need every row, and lists the problems. `firstKeys`: customer key by line, for conflicts. */
  finish(firstKeys: ReadonlyMap<number, string> = new Map()): GroupingResult {
    for (const { id, line, key } of this.conflicts)
      this.reportConflict(id, line, firstKeys.get(this.keyLines.at(id)), key);
    this.codes.forEach((_, id) => {
      if (this.billingLines.at(id) === NO_LINE && !this.rejectedCustomers.has(id)) {
        this.report(id, this.firstLines.at(id), {
          field: 'address_type',
          code: 'missing_billing',
          message: "is billing on none of the customer's rows: a customer needs exactly one billing address",
        });
      }
    });
    const rejectedRows = this.listRowsOfRejectedCustomers();
    this.problems.sort((a, b) => a.line - b.line);
    let hashes: Map<string, string> | undefined;
    return {
      rejected: this.problems,
      customers: this.codes.length,
      validCustomers: this.codes.length - this.rejectedCustomers.size,
      rejectedRows,
      contentHashes: () => {
        hashes ??= this.contentHashes();
        return hashes;
      },
    };
  }

  private contentHashes(): Map<string, string> {
    if (!this.hashing)
      throw new Error('Content hashes were not computed: the grouper was created with contentHashes: false.');
    const hashes = new Map<string, string>();
    this.codes.forEach((code, id) => {
      if (!this.rejectedCustomers.has(id)) hashes.set(code, this.contentSums.toString(id));
    });
    return hashes;
  }

  private idOf(code: string, line: number): number {
    // Rows of one customer usually follow each other: the previous row's customer saves a lookup.
    if (code === this.lastCode) return this.lastId;
    let id = this.ids.get(code);
    if (id === undefined) {
      id = this.codes.length;
      this.ids.set(code, id);
      this.codes.push(code);
      this.keyLines.push(NO_LINE);
      this.customerKeyHashes.push(0);
      this.firstLines.push(line);
      this.billingLines.push(NO_LINE);
      this.shippingLines.push(NO_LINE);
      this.shippingCodeHashes.push(0);
    }
    this.lastCode = code;
    this.lastId = id;
    return id;
  }

  private recordRow(id: number, line: number): void {
    this.rowCustomers.push(id);
    this.rowLines.push(line);
  }

  private report(id: number, line: number, problem: Problem): void {
    if (id !== NO_CUSTOMER) this.rejectedCustomers.add(id);
    // Problems phrase a predicate ("is required"); the report reads "city is required", "This row has 3 column(s)…".
    const subject = problem.field === 'row' ? 'This row' : problem.field;
    this.problems.push({
      line,
      customerCode: id === NO_CUSTOMER ? '' : this.codes[id]!,
      ...problem,
      message: `${subject} ${problem.message}`,
    });
  }

  private reportConflict(id: number, line: number, firstKey: string | undefined, key: string): void {
    const firstLine = this.keyLines.at(id);
    const differences = firstKey === undefined ? [] : differingFields(firstKey, key);
    if (differences.length === 0) {
      // Only when the caller could not give the first row's fields back: still name both lines.
      this.report(id, line, {
        field: 'row',
        code: 'conflicting_value',
        message: `has customer fields that differ from line ${firstLine} of the same customer`,
      });
    }
    for (const { field, first, second } of differences) {
      this.report(id, line, {
        field,
        value: second,
        code: 'conflicting_value',
        message: `is "${second}" on line ${line} but "${first}" on line ${firstLine} of the same customer`,
      });
    }
  }

  private addBilling(id: number, line: number, row: ValidRow): void {
    const firstBilling = this.billingLines.at(id);
    if (firstBilling !== NO_LINE) {
      this.report(id, line, {
        field: 'address_type',
        value: 'billing',
        code: 'duplicate_billing',
        message: `is a second billing address for the customer (the first is on line ${firstBilling}): a customer has exactly one`,
      });
      return;
    }
    this.billingLines.set(id, line);
    if (this.hashing) this.contentSums.add(id, contentKeyOf(row));
  }

  private addShipping(id: number, line: number, row: ValidRow): void {
    const code = row.address.address_code ?? '';
    const codeHash = shortHashOf(code);
    const otherLine = this.shippingLineWithCode(id, codeHash);
    if (otherLine !== NO_LINE) {
      const what = code === '' ? 'is empty here and on' : 'is the same here as on';
      this.report(id, line, {
        field: 'address_code',
        ...(code === '' ? {} : { value: code }),
        code: 'duplicate_shipping_address',
        message: `${what} the shipping address on line ${otherLine}: give each shipping address of a customer its own address_code`,
      });
      return;
    }
    if (this.shippingLines.at(id) === NO_LINE) {
      this.shippingLines.set(id, line);
      this.shippingCodeHashes.set(id, codeHash);
    } else {
      const more = this.moreShipping.get(id);
      if (more) more.push({ line, codeHash });
      else this.moreShipping.set(id, [{ line, codeHash }]);
    }
    if (this.hashing) this.contentSums.add(id, contentKeyOf(row));
  }

  /** The line of the customer's shipping address with this code hash, or NO_LINE. */
  private shippingLineWithCode(id: number, codeHash: number): number {
    const first = this.shippingLines.at(id);
    if (first === NO_LINE) return NO_LINE;
    if (this.shippingCodeHashes.at(id) === codeHash) return first;
    return this.moreShipping.get(id)?.find((address) => address.codeHash === codeHash)?.line ?? NO_LINE;
  }

  /** Lists every row of a rejected customer that has no problem of its own, and counts the rejected lines. */
  private listRowsOfRejectedCustomers(): number {
    const linesWithProblems = new Map<number, Set<number>>();
    for (const problem of this.problems) {
      const id = problem.customerCode === '' ? NO_CUSTOMER : this.ids.get(problem.customerCode)!;
      const lines = linesWithProblems.get(id) ?? new Set<number>();
      lines.add(problem.line);
      linesWithProblems.set(id, lines);
    }
    let rejectedRows = 0;
    let previousLine = NO_LINE;
    for (let row = 0; row < this.rowLines.length; row += 1) {
      const id = this.rowCustomers.at(row);
      const line = this.rowLines.at(row);
      // A wide row yields a billing and a shipping row on one line: count and list the line once.
      if (line === previousLine) continue;
      previousLine = line;
      if (id !== NO_CUSTOMER && !this.rejectedCustomers.has(id)) continue;
      rejectedRows += 1;
      const ownLines = linesWithProblems.get(id)!;
      if (ownLines.has(line)) continue;
      this.problems.push({
        line,
        customerCode: this.codes[id]!,
        field: 'row',
        code: 'customer_rejected',
        message: `This row is rejected with its customer, which has problems on line ${[...ownLines].sort((a, b) => a - b).join(', ')}`,
      });
    }
    return rejectedRows;
  }
}
