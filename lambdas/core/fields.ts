/**
 * The canonical fields of SPEC §1, in the column order of the standard `address-rows` template.
 * Every template is mapped onto these names before validation.
 */
export const CUSTOMER_FIELDS = [
  'customer_code',
  'customer_name',
  'email',
  'phone',
  'currency',
  'price_label',
  'payment_terms_code',
  'shipping_method_code',
  'sales_rep_code',
  'sales_rep_email',
  'warehouse_code',
  'customer_group_code',
  'company_number',
  'tax_id',
  'notes',
] as const;

export const ADDRESS_FIELDS = [
  'address_type',
  'address_code',
  'address_name',
  'address_1',
  'address_2',
  'address_3',
  'city',
  'state',
  'postal_code',
  'country',
  'address_phone',
] as const;

export const CANONICAL_FIELDS = [...CUSTOMER_FIELDS, ...ADDRESS_FIELDS] as const;

export type CustomerField = (typeof CUSTOMER_FIELDS)[number];
export type AddressField = (typeof ADDRESS_FIELDS)[number];
export type CanonicalField = CustomerField | AddressField;

/** A row after mapping: canonical field → trimmed value, `undefined` when absent or empty. */
export type MappedRow = Record<CanonicalField, string | undefined>;

/** Address fields without `address_type`, as they appear in the `wide` template's column groups. */
export const WIDE_ADDRESS_FIELDS = ADDRESS_FIELDS.filter(
  (field): field is Exclude<AddressField, 'address_type'> => field !== 'address_type',
);

/**
 * Column name of an address field inside a `wide` group, following JOOR's own names:
 * `address_code` → `billing_code`, `address_1` → `billing_address_1`, `city` → `billing_city`.
 */
export const wideColumnName = (group: 'billing' | 'shipping', field: AddressField): string => {
  const suffix =
    field === 'address_code' || field === 'address_name' || field === 'address_phone'
      ? field.slice('address_'.length)
      : field;
  return `${group}_${suffix}`;
};

/** Column names of the `wide` template, in order. */
export const WIDE_COLUMNS: readonly string[] = [
  ...CUSTOMER_FIELDS,
  ...WIDE_ADDRESS_FIELDS.map((field) => wideColumnName('billing', field)),
  ...WIDE_ADDRESS_FIELDS.map((field) => wideColumnName('shipping', field)),
];

/** Maximum lengths in characters (SPEC §1 and JOOR's known limits). */
export const MAX_LENGTH: Record<CanonicalField, number> = {
  customer_code: 50,
  customer_name: 100,
  email: 254,
  phone: 30,
  currency: 3,
  price_label: 100,
  payment_terms_code: 100,
  shipping_method_code: 100,
  sales_rep_code: 100,
  sales_rep_email: 254,
  warehouse_code: 100,
  customer_group_code: 100,
  company_number: 100,
  tax_id: 50,
  notes: 500,
  address_type: 8,
  address_code: 50,
  address_name: 100,
  address_1: 100,
  address_2: 100,
  address_3: 100,
  city: 60,
  state: 60,
  postal_code: 20,
  country: 60,
  address_phone: 30,
};
