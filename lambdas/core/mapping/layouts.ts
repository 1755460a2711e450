import type { TenantConfig } from '../config/index.js';
import { CANONICAL_FIELDS, type CanonicalField, WIDE_COLUMNS, wideColumnName } from '../fields.js';

export type Layout = 'address-rows' | 'wide';

/** The layout a tenant's template reads. */
export const layoutOf = (tenant: TenantConfig): Layout =>
  tenant.template.kind === 'mapped' ? tenant.template.layout : tenant.template.kind;

const REQUIRED_ROW_COLUMNS: readonly CanonicalField[] = [
  'customer_code',
  'customer_name',
  'currency',
  'price_label',
  'address_type',
  'address_1',
  'city',
  'country',
];
const REQUIRED_WIDE_COLUMNS: readonly string[] = [
  'customer_code',
  'customer_name',
  'currency',
  'price_label',
  wideColumnName('billing', 'address_1'),
  wideColumnName('billing', 'city'),
  wideColumnName('billing', 'country'),
];

/** The columns a layout reads, in the order of a row's cell index. */
export const targetColumns = (layout: Layout): readonly string[] =>
  layout === 'wide' ? WIDE_COLUMNS : CANONICAL_FIELDS;

/** The columns without which a file of the layout is refused. */
export const requiredColumns = (layout: Layout): readonly string[] =>
  layout === 'wide' ? REQUIRED_WIDE_COLUMNS : REQUIRED_ROW_COLUMNS;
