import type { Address, Customer } from '../types.js';
import { ADDRESS_PROPERTY, CUSTOMER_PROPERTY } from './customerProperties.js';

/** A customer's values as one flat record: canonical field (or `billing.` / `shipping[<code>].` + field) → value. */
export type CustomerFieldValues = Record<string, string>;

const addressFields = (prefix: string, address: Address, into: CustomerFieldValues): void => {
  for (const [field, property] of Object.entries(ADDRESS_PROPERTY)) {
    const value = address[property];
    if (value !== undefined && value !== '') into[`${prefix}.${field}`] = value;
  }
};

/**
 * A customer as flat fields, the way the report names them: `price_label`, `billing.city`, `shipping[WH2].city`
 * (a shipping address by its code, or by its place among the customer's shipping addresses when it has none).
 */
export const customerFields = (customer: Customer): CustomerFieldValues => {
  const fields: CustomerFieldValues = {};
  for (const [field, property] of Object.entries(CUSTOMER_PROPERTY)) {
    const value = customer[property];
    if (field !== 'customer_code' && value !== undefined && value !== '') fields[field] = value;
  }
  addressFields('billing', customer.billing, fields);
  customer.shipping.forEach((address, index) => {
    addressFields(`shipping[${address.addressCode ?? `#${index + 1}`}]`, address, fields);
  });
  return fields;
};
