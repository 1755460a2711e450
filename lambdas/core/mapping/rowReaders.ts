import {
  CANONICAL_FIELDS,
  type CanonicalField,
  CUSTOMER_FIELDS,
  type MappedRow,
  WIDE_ADDRESS_FIELDS,
} from '../fields.js';
import { ABSENT, rowFromCells } from './rowFromCells.js';

/** Turns one record's cells into canonical rows. */
export type RowReader = (cells: string[]) => MappedRow[];

/** Position of each canonical field in `CANONICAL_FIELDS`, which is also its slot in a row's cell index. */
const SLOT = Object.fromEntries(CANONICAL_FIELDS.map((field, k) => [field, k])) as Record<
  CanonicalField,
  number
>;

/**
 * Reads the address-rows layout, with the tenant's own words for billing and shipping where it has them; in a
 * single-address file every row is the billing address.
 */
export const addressRowsReader =
  (
    indices: Int32Array,
    addressTypes: ReadonlyMap<string, string> | undefined,
    singleAddress = false,
  ): RowReader =>
  (cells) => {
    const row = rowFromCells(cells, indices);
    if (singleAddress) row.address_type = 'billing';
    else if (addressTypes && row.address_type !== undefined) {
      row.address_type = addressTypes.get(row.address_type.toLowerCase()) ?? row.address_type;
    }
    return [row];
  };

/**
 * Cell indices of one address group of the wide layout, in canonical order: the customer fields, then the group's
 * address fields; `address_type` has no cell, the group gives it.
 */
const wideGroupIndices = (indices: Int32Array, group: 0 | 1): Int32Array => {
  const at = new Int32Array(CANONICAL_FIELDS.length).fill(ABSENT);
  at.set(indices.subarray(0, CUSTOMER_FIELDS.length));
  const groupStart = CUSTOMER_FIELDS.length + group * WIDE_ADDRESS_FIELDS.length;
  WIDE_ADDRESS_FIELDS.forEach((field, k) => {
    at[SLOT[field]] = indices[groupStart + k]!;
  });
  return at;
};

const hasAddress = (row: MappedRow): boolean => WIDE_ADDRESS_FIELDS.some((field) => row[field] !== undefined);

/** Reads the wide layout: customer fields, then the billing group, then the shipping group (skipped when empty). */
export const wideReader = (indices: Int32Array): RowReader => {
  const billingAt = wideGroupIndices(indices, 0);
  const shippingAt = wideGroupIndices(indices, 1);
  return (cells) => {
    const billing = rowFromCells(cells, billingAt);
    billing.address_type = 'billing';
    const shipping = rowFromCells(cells, shippingAt);
    if (!hasAddress(shipping)) return [billing];
    shipping.address_type = 'shipping';
    return [billing, shipping];
  };
};
