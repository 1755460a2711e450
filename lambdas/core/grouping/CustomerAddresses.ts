import { NO_LINE } from './CustomerCodes.js';
import { GrowableNumberArray } from './GrowableNumberArray.js';
import type { RejectionLedger } from './RejectionLedger.js';
import { shortHashOf } from './shortHash.js';

interface ShippingAddress {
  line: number;
  codeHash: number;
}

/**
 * Each customer's addresses across its rows, held to the address rules that span rows (SPEC §1): exactly one billing
 * address a customer (rows repeating it word for word are that one address), and shipping addresses told apart by `address_code` (the rules within one row, by country,
 * are validating/checkCountryRules.ts). It keeps the line of each customer's billing address and its first shipping address with
 * a hash of its code (most customers have one: a string per customer would be most of the memory).
 */
export class CustomerAddresses {
  private readonly billingLines = new GrowableNumberArray();
  /** A hash of each customer's billing address, to tell a repeat of it from a second billing address. */
  private readonly billingHashes = new GrowableNumberArray('float64');
  private readonly shippingLines = new GrowableNumberArray();
  private readonly shippingCodeHashes = new GrowableNumberArray('float64');
  /** Further shipping addresses of the few customers with more than one. */
  private readonly moreShipping = new Map<number, ShippingAddress[]>();

  constructor(private readonly ledger: RejectionLedger) {}

  addCustomer(): void {
    this.billingLines.push(NO_LINE);
    this.billingHashes.push(0);
    this.shippingLines.push(NO_LINE);
    this.shippingCodeHashes.push(0);
  }

  /**
   * Takes a billing address, given as its normalised text: true when it is the customer's first. The same address
   * again is the same address, not a second one (exports with a row per location repeat the company's billing
   * address on each): false, without a word. A different one is reported with the line of the first.
   */
  addBilling(id: number, line: number, addressText: string): boolean {
    const firstBilling = this.billingLines.at(id);
    const hash = shortHashOf(addressText);
    if (firstBilling !== NO_LINE && this.billingHashes.at(id) === hash) return false;
    if (firstBilling !== NO_LINE) {
      this.ledger.report(id, line, {
        field: 'address_type',
        value: 'billing',
        code: 'duplicate_billing',
        message: `is a second billing address for the customer (the first is on line ${firstBilling}): a customer has exactly one`,
      });
      return false;
    }
    this.billingLines.set(id, line);
    this.billingHashes.set(id, hash);
    return true;
  }

  /** Takes a shipping address: true when its code is new for the customer (a repeated one is reported). */
  addShipping(id: number, line: number, addressCode: string | undefined): boolean {
    const code = addressCode ?? '';
    const codeHash = shortHashOf(code);
    const otherLine = this.shippingLineWithCode(id, codeHash);
    if (otherLine !== NO_LINE) {
      const what = code === '' ? 'is empty here and on' : 'is the same here as on';
      this.ledger.report(id, line, {
        field: 'address_code',
        ...(code === '' ? {} : { value: code }),
        code: 'duplicate_shipping_address',
        message: `${what} the shipping address on line ${otherLine}: give each shipping address of a customer its own address_code`,
      });
      return false;
    }
    if (this.shippingLines.at(id) === NO_LINE) {
      this.shippingLines.set(id, line);
      this.shippingCodeHashes.set(id, codeHash);
    } else {
      const more = this.moreShipping.get(id);
      if (more) more.push({ line, codeHash });
      else this.moreShipping.set(id, [{ line, codeHash }]);
    }
    return true;
  }

  hasBilling(id: number): boolean {
    return this.billingLines.at(id) !== NO_LINE;
  }

  /** The line of the customer's shipping address with this code hash, or NO_LINE. */
  private shippingLineWithCode(id: number, codeHash: number): number {
    const first = this.shippingLines.at(id);
    if (first === NO_LINE) return NO_LINE;
    if (this.shippingCodeHashes.at(id) === codeHash) return first;
    return this.moreShipping.get(id)?.find((address) => address.codeHash === codeHash)?.line ?? NO_LINE;
  }
}
