import type { EmulatorProfile, ReferenceData } from './types.js';

export interface FieldError {
  customer_code?: string;
  index: number;
  field: string;
  message: string;
}

/** Lengths JOOR documents (SPEC §3). */
const MAX_LENGTHS: Record<string, number> = {
  customer_code: 50,
  customer_name: 100,
  customer_alias: 150,
  billing_code: 50,
  customer_group_code: 100,
  sales_rep_code: 100,
  warehouse_code: 100,
};

type Connection = Record<string, unknown> & {
  price_types?: { price_type_currency_code?: string; price_type_label?: string };
  billing?: { billing_addresses?: Record<string, string>[] };
};

/**
 * What JOOR checks of one connection, as far as its documentation says: required code and name, maximum lengths,
 * a currency + price label pair and codes that exist in the account. Reference lists the account lacks are not checked.
 */
export const validateConnection = (
  connection: Connection,
  index: number,
  reference: ReferenceData | undefined,
  profile: EmulatorProfile = 'documented',
): FieldError[] => {
  const code = typeof connection.customer_code === 'string' ? connection.customer_code : undefined;
  const errors: FieldError[] = [];
  const error = (field: string, message: string) =>
    errors.push({ ...(code ? { customer_code: code } : {}), index, field, message });
  if (!code) error('customer_code', 'customer_code is required');
  if (typeof connection.customer_name !== 'string' || connection.customer_name.length === 0) {
    error('customer_name', 'customer_name is required');
  }
  const billing = connection.billing?.billing_addresses?.[0] ?? {};
  const warehouse = (connection.warehouses as { warehouse_code?: string }[] | undefined)?.[0]?.warehouse_code;
  if (connection.warehouse_code !== undefined)
    error(
      'warehouse_code',
      'warehouse_code is not a connection field: warehouses are a list of { warehouse_code }',
    );
  if (connection.customer_alias === undefined) error('customer_alias', 'customer_alias is required');
  const nested = (group: 'billing' | 'shipping', list: string, key: string): unknown =>
    (connection[group] as Record<string, Record<string, unknown>[] | undefined> | undefined)?.[list]?.[0]?.[
      key
    ];
  const fieldValue = (field: string): unknown =>
    field === 'billing_code'
      ? billing.billing_code
      : field === 'warehouse_code'
        ? warehouse
        : field === 'payment_method_code'
          ? (connection[field] ?? nested('billing', 'payment_methods', field))
          : field === 'shipping_method_code'
            ? (connection[field] ?? nested('shipping', 'shipping_methods', field))
            : connection[field];
  for (const [field, max] of Object.entries(MAX_LENGTHS)) {
    const value = fieldValue(field);
    if (typeof value === 'string' && value.length > max)
      error(field, `${field} is longer than ${max} characters`);
  }
  const priceTypes = connection.price_types as
    | Connection['price_types']
    | Connection['price_types'][]
    | undefined;
  const arrayForm = Array.isArray(priceTypes);
  if (profile === 'price-types-array' && !arrayForm)
    error('price_types', 'price_types must be a list of { price_type_currency_code, price_type_label }');
  const priceType = arrayForm ? priceTypes[0] : priceTypes;
  if (
    profile === 'retail-currency' &&
    !(priceType as Record<string, unknown> | undefined)?.price_type_retail_currency_code
  )
    error('price_types', 'price_type_retail_currency_code is required');
  if (profile === 'email-required' && !connection.customer_email && !connection.customer_contact_email)
    error('customer_contact_email', 'customer_contact_email is required');
  const currency = priceType?.price_type_currency_code;
  const label = priceType?.price_type_label;
  if (!currency || !label) error('price_types', 'a currency and a price label are required');
  else if (
    reference?.priceTypes &&
    !reference.priceTypes.some((p) => p.currency === currency && p.label === label)
  ) {
    error('price_types', `price type ${currency} / ${label} does not exist in this account`);
  }
  const lists: [string, string[] | undefined][] = [
    ['payment_method_code', reference?.paymentTerms],
    ['shipping_method_code', reference?.shippingMethods],
    ['sales_rep_code', reference?.salesReps?.map((r) => r.code)],
    ['warehouse_code', reference?.warehouses],
    ['customer_group_code', reference?.customerGroups],
    ['company_number_code', reference?.companyNumbers],
  ];
  for (const [field, known] of lists) {
    const value = fieldValue(field);
    if (known && typeof value === 'string' && !known.includes(value))
      error(field, `${field} "${value}" does not exist in this account`);
  }
  return errors;
};
