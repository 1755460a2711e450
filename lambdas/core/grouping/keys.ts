import { hash } from 'node:crypto';
import { ADDRESS_FIELDS, CUSTOMER_FIELDS, type CustomerField } from '../fields.js';
import type { ValidAddressPart, ValidCustomerPart } from '../validating/rowSchema.js';

/** 22 base64url characters (132 bits) of SHA-256: a changed customer going unnoticed is negligible, the snapshot small. */
const CONTENT_HASH_CHARS = 22;

/** Separates fields inside a key; it cannot occur in a trimmed cell of a text file worth reading. */
export const UNIT_SEPARATOR = '\u001f';
/** Separates addresses inside a content key. */
export const RECORD_SEPARATOR = '\u001e';

/** The customer part of a row as one string: equal strings mean the two rows agree on every customer field. */
export const customerKeyOf = (customer: ValidCustomerPart): string =>
  // join, not +=: one flat string, where concatenation would keep a rope of small pieces alive per customer.
  CUSTOMER_FIELDS.map((field) => customer[field] ?? '').join(UNIT_SEPARATOR);

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

/** The fields of one normalised address as one string (its type excluded: billing and shipping are kept apart). */
export const addressKeyOf = (address: ValidAddressPart): string => {
  let key = '';
  for (let k = 1; k < ADDRESS_FIELDS.length; k += 1)
    key += (address[ADDRESS_FIELDS[k]!] ?? '') + UNIT_SEPARATOR;
  return key;
};

/** A short digest of one normalised address (string output: `'buffer'` output costs five times as much). */
export const addressDigestOf = (address: ValidAddressPart): string =>
  hash('sha1', addressKeyOf(address), 'base64');

/**
 * The stable content hash of a customer: (the digest of) its fields, its billing address and its shipping addresses in code order.
 * Row order and white space removed by normalisation do not change it.
 */
export const contentHashOf = (
  customerDigest: string,
  billingDigest: string,
  shippingDigests: string[],
): string =>
  hash(
    'sha256',
    [customerDigest, billingDigest, ...shippingDigests.sort()].join(RECORD_SEPARATOR),
    'base64url',
  ).slice(0, CONTENT_HASH_CHARS);
