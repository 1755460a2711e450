import { hash } from 'node:crypto';
import { ADDRESS_FIELDS, CUSTOMER_FIELDS, type CustomerField } from '../fields.js';
import type { ValidRow } from '../validating/rowSchema.js';

/** Separates fields inside a key; it cannot occur in a trimmed cell of a text file worth reading. */
export const UNIT_SEPARATOR = '\u001f';
/** Separates addresses inside a content key. */
export const RECORD_SEPARATOR = '\u001e';

/** The customer part of a row as one string: equal strings mean the two rows agree on every customer field. */
export const customerKeyOf = (row: ValidRow): string => {
  let key = row.customer_code;
  for (let k = 1; k < CUSTOMER_FIELDS.length; k += 1)
    key += UNIT_SEPARATOR + (row[CUSTOMER_FIELDS[k]!] ?? '');
  return key;
};

/** Splits a customer key back into its field values, in `CUSTOMER_FIELDS` order. */
export const customerKeyValues = (key: string): string[] => key.split(UNIT_SEPARATOR);

/** Fields where two customer keys differ, with both values. */
export const differingFields = (
  a: string,
  b: string,
): { field: CustomerField; first: string; second: string }[] => {
  const left = customerKeyValues(a);
  const right = customerKeyValues(b);
  return CUSTOMER_FIELDS.flatMap((field, k) =>
    left[k] === right[k] ? [] : [{ field, first: left[k] ?? '', second: right[k] ?? '' }],
  );
};

/** A short digest of one normalised address (its type excluded: the grouper keeps billing and shipping apart). */
export const addressDigestOf = (row: ValidRow): string => {
  let key = '';
  for (let k = 1; k < ADDRESS_FIELDS.length; k += 1) key += (row[ADDRESS_FIELDS[k]!] ?? '') + UNIT_SEPARATOR;
  return hash('sha1', key, 'base64');
};

/**
 * The stable content hash of a customer: its fields, its billing address and its shipping addresses in code order.
 * Row order and white space removed by normalisation do not change it.
 */
export const contentHashOf = (
  customerKey: string,
  billingDigest: string,
  shippingDigests: string[],
): string =>
  hash('sha256', [customerKey, billingDigest, ...shippingDigests.sort()].join(RECORD_SEPARATOR), 'base64url');
