import type { RejectedRow } from '../types.js';
import type { Problem } from '../validating/Problem.js';
import type { ValidRow } from '../validating/rowSchema.js';
import { GrowableIntArray } from './GrowableIntArray.js';
import { addressDigestOf, contentHashOf, customerKeyOf, differingFields, UNIT_SEPARATOR } from './keys.js';

const NO_CUSTOMER = -1;
const NO_LINE = 0;

/** What grouping found: every problem (sorted by line), and the content hash of each valid customer. */
export interface GroupingResult {
  rejected: RejectedRow[];
  /** Distinct customer codes seen, valid or not. */
  customers: number;
  /** Valid customer code → content hash. */
  validCustomers: Map<string, string>;
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
  /** Customer fields of the first valid row; `undefined` while only rejected rows were seen. */
  private readonly customerKeys: (string | undefined)[] = [];
  private readonly keyLines: number[] = [];
  private readonly firstLines: number[] = [];
  private readonly billingLines: number[] = [];
  private readonly billingDigests: (string | undefined)[] = [];
  /** Shipping addresses as `code␟line` entries, and their digests, per customer. */
  private readonly shippingEntries: (string[] | undefined)[] = [];
  private readonly shippingDigests: (string[] | undefined)[] = [];
  private readonly rejectedCustomers = new Set<number>();
  private readonly rowCustomers = new GrowableIntArray();
  private readonly rowLines = new GrowableIntArray();
  private readonly problems: RejectedRow[] = [];

  /** Adds a row that passed validation on its own. */
  addValid(line: number, row: ValidRow): void {
    const id = this.idOf(row.customer_code, line);
    this.recordRow(id, line);
    const key = customerKeyOf(row);
    const firstKey = this.customerKeys[id];
    if (firstKey === undefined) {
      this.customerKeys[id] = key;
      this.keyLines[id] = line;
    } else if (firstKey !== key) this.reportConflict(id, line, firstKey, key);
    if (row.address_type === 'billing') this.addBilling(id, line, row);
    else this.addShipping(id, line, row);
  }

  /** Adds a row that failed validation; its customer (when the row names one) is rejected with it. */
  addRejected(line: number, customerCode: string | undefined, problems: Problem[]): void {
    const id = customerCode === undefined ? NO_CUSTOMER : this.idOf(customerCode, line);
    this.recordRow(id, line);
    for (const problem of problems) this.report(id, line, problem);
  }

  finish(): GroupingResult {
    this.codes.forEach((_, id) => {
      if (this.billingLines[id] === NO_LINE && !this.rejectedCustomers.has(id)) {
        this.report(id, this.firstLines[id]!, {
          field: 'address_type',
          code: 'missing_billing',
          message: "is billing on none of the customer's rows: a customer needs exactly one billing address",
        });
      }
    });
    const rejectedRows = this.listRowsOfRejectedCustomers();
    const validCustomers = new Map<string, string>();
    this.codes.forEach((code, id) => {
      if (this.rejectedCustomers.has(id)) return;
      validCustomers.set(
        code,
        contentHashOf(this.customerKeys[id]!, this.billingDigests[id]!, this.shippingDigests[id] ?? []),
      );
    });
    this.problems.sort((a, b) => a.line - b.line);
    return { rejected: this.problems, customers: this.codes.length, validCustomers, rejectedRows };
  }

  private idOf(code: string, line: number): number {
    let id = this.ids.get(code);
    if (id === undefined) {
      id = this.codes.length;
      this.ids.set(code, id);
      this.codes.push(code);
      this.customerKeys.push(undefined);
      this.keyLines.push(NO_LINE);
      this.firstLines.push(line);
      this.billingLines.push(NO_LINE);
      this.billingDigests.push(undefined);
      this.shippingEntries.push(undefined);
      this.shippingDigests.push(undefined);
    }
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

  private reportConflict(id: number, line: number, firstKey: string, key: string): void {
    const firstLine = this.keyLines[id]!;
    for (const { field, first, second } of differingFields(firstKey, key)) {
      this.report(id, line, {
        field,
        value: second,
        code: 'conflicting_value',
        message: `is "${second}" on line ${line} but "${first}" on line ${firstLine} of the same customer`,
      });
    }
  }

  private addBilling(id: number, line: number, row: ValidRow): void {
    const firstBilling = this.billingLines[id]!;
    if (firstBilling !== NO_LINE) {
      this.report(id, line, {
        field: 'address_type',
        value: 'billing',
        code: 'duplicate_billing',
        message: `is a second billing address for the customer (the first is on line ${firstBilling}): a customer has exactly one`,
      });
      return;
    }
    this.billingLines[id] = line;
    this.billingDigests[id] = addressDigestOf(row);
  }

  private addShipping(id: number, line: number, row: ValidRow): void {
    const code = row.address_code ?? '';
    const entries = this.shippingEntries[id] ?? [];
    const clash = entries.find((entry) => entry.slice(0, entry.lastIndexOf(UNIT_SEPARATOR)) === code);
    if (clash !== undefined) {
      const otherLine = clash.slice(clash.lastIndexOf(UNIT_SEPARATOR) + 1);
      const what = code === '' ? 'is empty here and on' : 'is the same here as on';
      this.report(id, line, {
        field: 'address_code',
        ...(code === '' ? {} : { value: code }),
        code: 'duplicate_shipping_address',
        message: `${what} the shipping address on line ${otherLine}: give each shipping address of a customer its own address_code`,
      });
      return;
    }
    entries.push(`${code}${UNIT_SEPARATOR}${line}`);
    this.shippingEntries[id] = entries;
    const digests = this.shippingDigests[id] ?? [];
    digests.push(addressDigestOf(row));
    this.shippingDigests[id] = digests;
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
