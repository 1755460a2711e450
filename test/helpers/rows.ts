import { CANONICAL_FIELDS, type CanonicalField } from '../../lambdas/core/fields.js';

export const HEADER = CANONICAL_FIELDS.join('|');

const VALID_BILLING: Partial<Record<CanonicalField, string>> = {
  customer_code: 'C1',
  customer_name: 'Bloom Boutique',
  email: 'orders@bloom.example',
  currency: 'USD',
  price_label: 'Wholesale USD',
  address_type: 'billing',
  address_1: '120 Spring Street',
  city: 'New York',
  state: 'NY',
  postal_code: '10012',
  country: 'US',
};

/** A pipe-delimited row of the address-rows template: a valid billing row, with the given fields changed. */
export const row = (changes: Partial<Record<CanonicalField, string>> = {}): string => {
  const values = { ...VALID_BILLING, ...changes };
  return CANONICAL_FIELDS.map((field) => values[field] ?? '').join('|');
};

/** A file of the given rows under the standard header. */
export const file = (...rows: string[]): string => [HEADER, ...rows].join('\n');
