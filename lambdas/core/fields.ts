/** What the table says of each canonical field. */
interface FieldSpec {
  /** A customer's field (one value per customer) or an address's (one per address row). */
  level: 'customer' | 'address';
  /** Maximum length in characters (SPEC §1 and JOOR's known limits). */
  maxLength: number;
  /** A file without this column is refused (address_type only where the layout has a type column). */
  required?: true;
}

/**
 * The canonical fields of SPEC §1, declared once: each one's level, length limit and whether a file must carry it,
 * in the column order of the standard `address-rows` template (customers' fields first). The lists below, the
 * layouts' required columns (mapping/layouts.ts) and `init`'s placements are derived from it.
 */
const FIELD_TABLE = {
  customer_code: { level: 'customer', maxLength: 50, required: true },
  customer_name: { level: 'customer', maxLength: 100, required: true },
  email: { level: 'customer', maxLength: 254 },
  phone: { level: 'customer', maxLength: 30 },
  currency: { level: 'customer', maxLength: 3, required: true },
  price_label: { level: 'customer', maxLength: 100, required: true },
  payment_terms_code: { level: 'customer', maxLength: 100 },
  shipping_method_code: { level: 'customer', maxLength: 100 },
  sales_rep_code: { level: 'customer', maxLength: 100 },
  sales_rep_email: { level: 'customer', maxLength: 254 },
  warehouse_code: { level: 'customer', maxLength: 100 },
  customer_group_code: { level: 'customer', maxLength: 100 },
  company_number: { level: 'customer', maxLength: 100 },
  tax_id: { level: 'customer', maxLength: 50 },
  notes: { level: 'customer', maxLength: 500 },
  address_type: { level: 'address', maxLength: 8, required: true },
  address_code: { level: 'address', maxLength: 50 },
  address_name: { level: 'address', maxLength: 100 },
  address_1: { level: 'address', maxLength: 100, required: true },
  address_2: { level: 'address', maxLength: 100 },
  address_3: { level: 'address', maxLength: 100 },
  city: { level: 'address', maxLength: 60, required: true },
  state: { level: 'address', maxLength: 60 },
  postal_code: { level: 'address', maxLength: 20 },
  country: { level: 'address', maxLength: 60, required: true },
  address_phone: { level: 'address', maxLength: 30 },
} as const satisfies Record<string, FieldSpec>;

type Table = typeof FIELD_TABLE;
export type CanonicalField = keyof Table;
export type CustomerField = {
  [F in CanonicalField]: Table[F]['level'] extends 'customer' ? F : never;
}[CanonicalField];
export type AddressField = Exclude<CanonicalField, CustomerField>;

const fieldSpec = (field: CanonicalField): FieldSpec => FIELD_TABLE[field];

/** Every canonical field, in the column order of the standard `address-rows` template. */
export const CANONICAL_FIELDS = Object.keys(FIELD_TABLE) as readonly CanonicalField[];

export const CUSTOMER_FIELDS = CANONICAL_FIELDS.filter(
  (field): field is CustomerField => fieldSpec(field).level === 'customer',
);

export const ADDRESS_FIELDS = CANONICAL_FIELDS.filter(
  (field): field is AddressField => fieldSpec(field).level === 'address',
);

/** The fields a file of address rows must carry: the table's required ones. */
export const REQUIRED_FIELDS: readonly CanonicalField[] = CANONICAL_FIELDS.filter(
  (field) => fieldSpec(field).required === true,
);

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

/** Maximum lengths in characters (SPEC §1 and JOOR's known limits), from the table. */
export const MAX_LENGTH = Object.fromEntries(
  CANONICAL_FIELDS.map((field) => [field, fieldSpec(field).maxLength]),
) as Record<CanonicalField, number>;

/**
 * The columns a file must carry in a layout, by their names in it: the table's required fields; in the wide layout
 * the billing group's address fields (no address type column); in a single-address file no address type column.
 */
export const requiredColumnsOf = (layout: 'address-rows' | 'wide' | 'single'): readonly string[] =>
  layout === 'wide'
    ? REQUIRED_FIELDS.filter((field) => field !== 'address_type').map((field) =>
        fieldSpec(field).level === 'address' ? wideColumnName('billing', field as AddressField) : field,
      )
    : layout === 'single'
      ? REQUIRED_FIELDS.filter((field) => field !== 'address_type')
      : REQUIRED_FIELDS;
