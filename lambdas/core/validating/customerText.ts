import { CUSTOMER_FIELDS, type CustomerField } from '../fields.js';
import type { ValidCustomerPart } from './rowSchema.js';

/** Separates fields inside a row's text; it cannot occur in a trimmed cell of a text file worth reading. */
export const UNIT_SEPARATOR = '\u001f';

/**
 * The customer part of a row as one text (its fields joined): equal texts mean the two rows agree on every customer
 * field. (Not a key of anything: the S3 layout's keys are pipeline/keys.ts.)
 */
export const customerTextOf = (customer: ValidCustomerPart): string => {
  // join, not +=: one flat string, where concatenation would keep a rope of small pieces alive per customer.
  // A loop, not map(): no closure per call on this path (tsx's keepNames wraps every closure it creates).
  const values: string[] = new Array(CUSTOMER_FIELDS.length);
  for (let k = 0; k < CUSTOMER_FIELDS.length; k += 1) values[k] = customer[CUSTOMER_FIELDS[k]!] ?? '';
  return values.join(UNIT_SEPARATOR);
};

/** Splits a customer text back into its field values, in `CUSTOMER_FIELDS` order. */
const customerTextValues = (text: string): string[] => text.split(UNIT_SEPARATOR);

/** Fields where two customer texts differ, with both values. */
export const differingFields = (
  a: string,
  b: string,
): { field: CustomerField; first: string; second: string }[] => {
  const left = customerTextValues(a);
  const right = customerTextValues(b);
  return CUSTOMER_FIELDS.flatMap((field, k) =>
    left[k] === right[k] ? [] : [{ field, first: left[k] ?? '', second: right[k] ?? '' }],
  );
};
