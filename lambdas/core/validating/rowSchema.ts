import * as v from 'valibot';
import { ADDRESS_FIELDS, type CanonicalField, CUSTOMER_FIELDS, MAX_LENGTH } from '../fields.js';
import { CURRENCY_CODES } from './currencies.js';
import { toCountryCode } from './geography.js';
import { createPartParser } from './partParser.js';

const BILLING_WORDS = new Set(['billing', 'b']);
const SHIPPING_WORDS = new Set(['shipping', 's']);

const REQUIRED = 'is required';

/** Characters as JOOR counts them: code points (an emoji is one, where a JavaScript string's length says two). */
const codePointLength = (text: string): number => {
  let count = 0;
  for (const _ of text) count += 1;
  return count;
};

/** The field's length limit in characters; code points are counted only for the rare value over it in code units. */
const capped = (field: CanonicalField) => {
  const max = MAX_LENGTH[field];
  return v.check<string, string>(
    (value) => value.length <= max || codePointLength(value) <= max,
    `is longer than ${max} characters`,
  );
};

const required = (field: CanonicalField) => v.pipe(v.string(REQUIRED), capped(field));
const optional = (field: CanonicalField) => v.optional(v.pipe(v.string(), capped(field)));
const optionalEmail = (field: CanonicalField) =>
  v.optional(v.pipe(v.string(), capped(field), v.email('is not a valid email address')));

const toAddressType = (value: string): 'billing' | 'shipping' | undefined => {
  const word = value.toLowerCase();
  if (BILLING_WORDS.has(word)) return 'billing';
  if (SHIPPING_WORDS.has(word)) return 'shipping';
  return undefined;
};

/**
 * The checks the customer part of a row must pass on its own: presence, length, formats, currency normalised (a
 * symbol or name was read as its code before, with the row's country: see `createRowValidator`). Checks against
 * the tenant's reference data run after it.
 */
export const CustomerSchema = v.object({
  customer_code: required('customer_code'),
  customer_name: required('customer_name'),
  email: optionalEmail('email'),
  phone: optional('phone'),
  currency: v.pipe(
    v.string(REQUIRED),
    v.toUpperCase(),
    v.check(
      (code) => CURRENCY_CODES.has(code),
      'is not a currency (ISO 4217 code, name, or symbol: $, ¥ and kr only with a country that says which)',
    ),
  ),
  price_label: required('price_label'),
  payment_terms_code: optional('payment_terms_code'),
  shipping_method_code: optional('shipping_method_code'),
  sales_rep_code: optional('sales_rep_code'),
  sales_rep_email: optionalEmail('sales_rep_email'),
  warehouse_code: optional('warehouse_code'),
  customer_group_code: optional('customer_group_code'),
  company_number: optional('company_number'),
  tax_id: optional('tax_id'),
  notes: optional('notes'),
});

/**
 * The checks the address part of a row must pass on its own, with address type and country normalised.
 * Checks that depend on the country (state, postal code) run after it.
 */
export const AddressSchema = v.object({
  address_type: v.pipe(
    v.string(REQUIRED),
    v.check((value) => toAddressType(value) !== undefined, 'must be billing or shipping (or B / S)'),
    v.transform((value) => toAddressType(value)!),
  ),
  address_code: optional('address_code'),
  address_name: optional('address_name'),
  address_1: required('address_1'),
  address_2: optional('address_2'),
  address_3: optional('address_3'),
  city: required('city'),
  state: optional('state'),
  postal_code: optional('postal_code'),
  country: v.pipe(
    v.string(REQUIRED),
    v.check(
      (value) => toCountryCode(value) !== undefined,
      'is not a country (ISO 3166 code, or name in English or a language of JOOR’s markets)',
    ),
    v.transform((value) => toCountryCode(value)!),
  ),
  address_phone: optional('address_phone'),
});

export type ValidCustomerPart = v.InferOutput<typeof CustomerSchema>;
export type ValidAddressPart = v.InferOutput<typeof AddressSchema>;

/** Checks the customer part of a mapped row (presence, length, formats, currency normalised). */
export const parseCustomerPart = createPartParser(CustomerSchema, CUSTOMER_FIELDS);

/** Checks the address part of a mapped row, with address type and country normalised. */
export const parseAddressPart = createPartParser(AddressSchema, ADDRESS_FIELDS);

/** A row that passed validation: its customer part (shared by adjacent rows of one customer) and its address. */
export interface ValidRow {
  customer: ValidCustomerPart;
  /** The customer part as one text: equal texts mean two rows agree on every customer field. */
  customerText: string;
  address: ValidAddressPart;
}
/** Stable problem codes for each kind of valibot issue; `check` issues get a code per field. */
export const ISSUE_CODES: Record<string, string> = {
  string: 'required',
  max_length: 'too_long',
  email: 'invalid_email',
};

export const CHECK_CODES: Partial<Record<CanonicalField, string>> = {
  currency: 'invalid_currency',
  address_type: 'invalid_address_type',
  country: 'invalid_country',
};
