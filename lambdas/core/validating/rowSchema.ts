import * as v from 'valibot';
import {
  ADDRESS_FIELDS,
  type CanonicalField,
  CUSTOMER_FIELDS,
  MAX_LENGTH,
  type MappedRow,
} from '../fields.js';
import { toCountryCode } from './geography.js';

const CURRENCIES: ReadonlySet<string> = new Set(Intl.supportedValuesOf('currency'));
const BILLING_WORDS = new Set(['billing', 'b']);
const SHIPPING_WORDS = new Set(['shipping', 's']);

const REQUIRED = 'is required';

const capped = (field: CanonicalField) =>
  v.maxLength<string, number, string>(MAX_LENGTH[field], `is longer than ${MAX_LENGTH[field]} characters`);

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
 * The checks the customer part of a row must pass on its own: presence, length, formats, currency normalised.
 * Checks against the tenant's reference data run after it.
 */
export const CustomerSchema = v.object({
  customer_code: required('customer_code'),
  customer_name: required('customer_name'),
  email: optionalEmail('email'),
  phone: optional('phone'),
  currency: v.pipe(
    v.string(REQUIRED),
    v.toUpperCase(),
    v.check((code) => CURRENCIES.has(code), 'is not an ISO 4217 currency code'),
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
      'is not a country (ISO 3166 code or English name)',
    ),
    v.transform((value) => toCountryCode(value)!),
  ),
  address_phone: optional('address_phone'),
});

export type ValidCustomerPart = v.InferOutput<typeof CustomerSchema>;
export type ValidAddressPart = v.InferOutput<typeof AddressSchema>;

/**
 * The same schemas as tuples, in `CUSTOMER_FIELDS` and `ADDRESS_FIELDS` order: valibot parses a tuple in about half
 * the time of an object (it reads and writes by index, not by name), and these run on every row. The parsers below
 * turn the tuples back into the objects the schemas describe.
 */
const C = CustomerSchema.entries;
const CustomerTuple = v.tuple([
  C.customer_code,
  C.customer_name,
  C.email,
  C.phone,
  C.currency,
  C.price_label,
  C.payment_terms_code,
  C.shipping_method_code,
  C.sales_rep_code,
  C.sales_rep_email,
  C.warehouse_code,
  C.customer_group_code,
  C.company_number,
  C.tax_id,
  C.notes,
]);
const A = AddressSchema.entries;
const AddressTuple = v.tuple([
  A.address_type,
  A.address_code,
  A.address_name,
  A.address_1,
  A.address_2,
  A.address_3,
  A.city,
  A.state,
  A.postal_code,
  A.country,
  A.address_phone,
]);
const parseCustomerTuple = v.safeParser(CustomerTuple, { abortEarly: false });
const parseAddressTuple = v.safeParser(AddressTuple, { abortEarly: false });

/** A part of a row that passed its schema, or the issues it raised, each with the field it concerns. */
export type PartResult<T> =
  | { success: true; output: T }
  | { success: false; issues: { field: CanonicalField; issue: v.BaseIssue<unknown> }[] };

const withFields = (
  issues: [v.BaseIssue<unknown>, ...v.BaseIssue<unknown>[]],
  fields: readonly CanonicalField[],
): { success: false; issues: { field: CanonicalField; issue: v.BaseIssue<unknown> }[] } => ({
  success: false,
  issues: issues.map((issue) => ({ field: fields[issue.path?.[0]?.key as number]!, issue })),
});

/** Checks the customer part of a mapped row (presence, length, formats, currency normalised). */
export const parseCustomerPart = (row: MappedRow): PartResult<ValidCustomerPart> => {
  const parsed = parseCustomerTuple([
    row.customer_code,
    row.customer_name,
    row.email,
    row.phone,
    row.currency,
    row.price_label,
    row.payment_terms_code,
    row.shipping_method_code,
    row.sales_rep_code,
    row.sales_rep_email,
    row.warehouse_code,
    row.customer_group_code,
    row.company_number,
    row.tax_id,
    row.notes,
  ]);
  if (!parsed.success) return withFields(parsed.issues, CUSTOMER_FIELDS);
  const [
    customer_code,
    customer_name,
    email,
    phone,
    currency,
    price_label,
    payment_terms_code,
    shipping_method_code,
    sales_rep_code,
    sales_rep_email,
    warehouse_code,
    customer_group_code,
    company_number,
    tax_id,
    notes,
  ] = parsed.output;
  return {
    success: true,
    output: {
      customer_code,
      customer_name,
      email,
      phone,
      currency,
      price_label,
      payment_terms_code,
      shipping_method_code,
      sales_rep_code,
      sales_rep_email,
      warehouse_code,
      customer_group_code,
      company_number,
      tax_id,
      notes,
    },
  };
};

/** Checks the address part of a mapped row, with address type and country normalised. */
export const parseAddressPart = (row: MappedRow): PartResult<ValidAddressPart> => {
  const parsed = parseAddressTuple([
    row.address_type,
    row.address_code,
    row.address_name,
    row.address_1,
    row.address_2,
    row.address_3,
    row.city,
    row.state,
    row.postal_code,
    row.country,
    row.address_phone,
  ]);
  if (!parsed.success) return withFields(parsed.issues, ADDRESS_FIELDS);
  const [
    address_type,
    address_code,
    address_name,
    address_1,
    address_2,
    address_3,
    city,
    state,
    postal_code,
    country,
    address_phone,
  ] = parsed.output;
  return {
    success: true,
    output: {
      address_type,
      address_code,
      address_name,
      address_1,
      address_2,
      address_3,
      city,
      state,
      postal_code,
      country,
      address_phone,
    },
  };
};

/** A row that passed validation: its customer part (shared by adjacent rows of one customer) and its address. */
export interface ValidRow {
  customer: ValidCustomerPart;
  /** The customer part as one string: equal keys mean two rows agree on every customer field. */
  customerKey: string;
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
