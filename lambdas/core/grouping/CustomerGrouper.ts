import type { RejectedRow } from '../types.js';
import type { Problem, ValidRow } from '../validating/index.js';
import { CustomerAddresses } from './CustomerAddresses.js';
import { CustomerCodes, NO_CUSTOMER } from './CustomerCodes.js';
import { CustomerFieldConsistency } from './CustomerFieldConsistency.js';
import { addressTextOf, contentTextOf } from './contentText.js';
import { DigestSums } from './DigestSums.js';
import { RejectionLedger } from './RejectionLedger.js';

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
 * one billing address (repeated word for word on several rows, it is one), shipping addresses told apart by `address_code`, customer fields equal on every row.
 * A customer with any rejected row is rejected whole, each of its rows listed.
 *
 * It keeps a few compact values per customer and 8 bytes per row, never the rows themselves, so a file of a
 * million rows fits in a small Lambda; the payloads are rebuilt by a second pass over the file for the customers
 * that go on.
 */
export class CustomerGrouper {
  private readonly codes: CustomerCodes;
  private readonly ledger: RejectionLedger;
  private readonly consistency: CustomerFieldConsistency;
  private readonly addresses: CustomerAddresses;
  /**
   * The content hash of each customer: the sum of the digests of its accepted rows (customer fields and address).
   * A sum does not depend on the order rows come in, and needs no row kept. Absent when hashes are not wanted.
   */
  private readonly contentSums: DigestSums | undefined;

  /**
   * @param options.contentHashes whether to fold each row into its customer's content hash (default true). Change
   * detection needs the hashes; a plain validation (the `validate` command) does not, and skips a digest a row.
   */
  constructor(options: { contentHashes?: boolean } = {}) {
    this.codes = new CustomerCodes(() => {
      this.consistency.addCustomer();
      this.addresses.addCustomer();
    });
    this.ledger = new RejectionLedger(this.codes);
    this.consistency = new CustomerFieldConsistency(this.ledger);
    this.addresses = new CustomerAddresses(this.ledger);
    this.contentSums = options.contentHashes === false ? undefined : new DigestSums();
  }

  /** Adds a row that passed validation on its own. */
  addValid(line: number, row: ValidRow): void {
    const id = this.codes.idOf(row.customer.customer_code, line);
    this.ledger.recordRow(id, line);
    this.consistency.check(id, line, row.customerText);
    // The address text is made once a billing row: the repeat check and the content hash both need it.
    const billingText = row.address.address_type === 'billing' ? addressTextOf(row.address) : undefined;
    const taken =
      billingText !== undefined
        ? this.addresses.addBilling(id, line, billingText)
        : this.addresses.addShipping(id, line, row.address.address_code);
    if (taken) this.contentSums?.add(id, contentTextOf(row, billingText));
  }

  /** Adds a row that failed validation; its customer (when the row names one) is rejected with it. */
  addRejected(
    line: number,
    customerCode: string | undefined,
    problems: Problem[],
    customerName?: string,
  ): void {
    const id = customerCode === undefined ? NO_CUSTOMER : this.codes.idOf(customerCode, line);
    this.ledger.recordRow(id, line);
    this.ledger.nameCustomer(id, customerName);
    for (const problem of problems) this.ledger.report(id, line, problem);
  }

  /** Lines whose customer fields `finish` needs to name the fields in conflict (first valid row of each customer). */
  conflictLines(): number[] {
    return this.consistency.conflictLines();
  }

  /** Applies the rules that need every row, and lists the problems. `firstTexts`: customer text by line, for conflicts. */
  finish(firstTexts: ReadonlyMap<number, string> = new Map()): GroupingResult {
    this.consistency.reportConflicts(firstTexts);
    for (let id = 0; id < this.codes.size; id += 1) {
      if (!this.addresses.hasBilling(id) && !this.ledger.isRejected(id)) {
        this.ledger.report(id, this.codes.firstLineOf(id), {
          field: 'address_type',
          code: 'missing_billing',
          message: "is billing on none of the customer's rows: a customer needs exactly one billing address",
        });
      }
    }
    const { rejected, rejectedRows } = this.ledger.close();
    let hashes: Map<string, string> | undefined;
    return {
      rejected,
      customers: this.codes.size,
      validCustomers: this.codes.size - this.ledger.rejectedCustomers,
      rejectedRows,
      contentHashes: () => {
        hashes ??= this.contentHashes();
        return hashes;
      },
    };
  }

  private contentHashes(): Map<string, string> {
    if (!this.contentSums)
      throw new Error('Content hashes were not computed: the grouper was created with contentHashes: false.');
    const hashes = new Map<string, string>();
    for (let id = 0; id < this.codes.size; id += 1)
      if (!this.ledger.isRejected(id)) hashes.set(this.codes.codeOf(id), this.contentSums.toString(id));
    return hashes;
  }
}
