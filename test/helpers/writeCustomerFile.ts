import {
  CANONICAL_FIELDS,
  CUSTOMER_FIELDS,
  WIDE_ADDRESS_FIELDS,
  WIDE_COLUMNS,
} from '../../lambdas/core/fields.js';
import { ADDRESS_PROPERTY, CUSTOMER_PROPERTY } from '../../lambdas/core/grouping/customerProperties.js';
import type { Address, Customer } from '../../lambdas/core/types.js';

export interface WriteOptions {
  layout: 'address-rows' | 'wide';
  delimiter: string;
  header: boolean;
  lineEnding?: '\n' | '\r\n';
  /** Surround every value with spaces, as some ERPs pad fixed-width exports; reading trims them. */
  pad?: boolean;
}

/** Quotes a cell the RFC 4180 way when it holds the delimiter, a quote or a line break. */
const quote = (value: string, delimiter: string): string =>
  value.includes(delimiter) || value.includes('"') || value.includes('\n') || value.includes('\r')
    ? `"${value.replaceAll('"', '""')}"`
    : value;

const customerCells = (customer: Customer): string[] =>
  CUSTOMER_FIELDS.map((field) => (customer[CUSTOMER_PROPERTY[field]] as string | undefined) ?? '');

const addressCells = (address: Address | undefined): string[] =>
  WIDE_ADDRESS_FIELDS.map((field) => (address ? (address[ADDRESS_PROPERTY[field]] ?? '') : ''));

/** The lines of a customer file in the given layout: the inverse of reading, for tests and benchmarks. */
export function* customerFileLines(customers: Iterable<Customer>, options: WriteOptions): Generator<string> {
  const eol = options.lineEnding ?? '\n';
  const line = (cells: string[]) =>
    cells.map((cell) => quote(cell, options.delimiter)).join(options.delimiter) + eol;
  if (options.header) yield line([...(options.layout === 'wide' ? WIDE_COLUMNS : CANONICAL_FIELDS)]);
  for (const customer of customers) {
    const own = customerCells(customer);
    if (options.layout === 'wide') {
      // The wide layout holds one billing and at most one shipping address (SPEC §1).
      yield line([...own, ...addressCells(customer.billing), ...addressCells(customer.shipping[0])]);
      continue;
    }
    const addressRow = (type: string, address: Address) => {
      const cells = addressCells(address);
      return line([...own, type, ...cells]);
    };
    yield addressRow('billing', customer.billing);
    for (const address of customer.shipping) yield addressRow('shipping', address);
  }
}

export const writeCustomerFile = (customers: Iterable<Customer>, options: WriteOptions): string =>
  [...customerFileLines(customers, options)].join('');
