import { CUSTOMER_FIELDS, type CustomerField } from '../fields.js';
import type { ValidCustomerPart } from './rowSchema.js';

/** Separates fields inside a key; it cannot occur in a trimmed cell of a text file worth reading. */
export const UNIT_SEPARATOR = '\u001f';

/** The customer part of a row as one string: equal strings mean the two rows agree on every customer field. */
export const customerKeyOf = (customer: ValidCustomerPart): string => {
  // join, not +=: one flat string, where concatenation would keep a rope of small pieces alive per customer.
  // A loop, not map(): no closure per call on this path (tsx's keepNames wraps every closure it creates).
  const values: string[] = new Array(CUSTOMER_FIELDS.length);
  for (let k = 0; k < CUSTOMER_FIELDS.length; k += 1) values[k] = customer[CUSTOMER_FIELDS[k]!] ?? '';
  return values.join(UNIT_SEPARATOR);
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
