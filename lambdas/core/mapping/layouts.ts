import type { TenantConfig } from '../config/index.js';
import {
  ADDRESS_FIELDS,
  type AddressField,
  CANONICAL_FIELDS,
  type CanonicalField,
  requiredColumnsOf,
  WIDE_COLUMNS,
  wideColumnName,
} from '../fields.js';

export type Layout = 'address-rows' | 'wide';

/** The layout a tenant's template reads. */
export const layoutOf = (tenant: TenantConfig): Layout =>
  tenant.template.kind === 'mapped' ? tenant.template.layout : tenant.template.kind;

/**
 * Whether the tenant's file has one address per customer and no address type column (Business Central and many small
 * ERPs): a mapped address-rows template that maps no `address_type`. Each row is then the customer's billing
 * address, shipping to it (SPEC §1, template 3).
 */
export const isSingleAddress = (tenant: TenantConfig): boolean =>
  tenant.template.kind === 'mapped' &&
  tenant.template.layout === 'address-rows' &&
  tenant.template.columns.address_type === undefined;

/** The columns a layout reads, in the order of a row's cell index. */
export const targetColumns = (layout: Layout): readonly string[] =>
  layout === 'wide' ? WIDE_COLUMNS : CANONICAL_FIELDS;

/** The columns without which a file of the layout is refused; a single-address file has no address type column. */
export const requiredColumns = (layout: Layout, singleAddress = false): readonly string[] =>
  requiredColumnsOf(layout === 'address-rows' && singleAddress ? 'single' : layout);

/**
 * The columns of a layout the tenant's defaults stand in for: the field itself, and in the wide layout an address
 * field's column in both groups.
 */
export const defaultedColumns = (layout: Layout, tenant: TenantConfig): ReadonlySet<string> => {
  const columns = new Set<string>();
  for (const field of Object.keys(tenant.defaults) as CanonicalField[]) {
    columns.add(field);
    if (layout === 'wide' && (ADDRESS_FIELDS as readonly string[]).includes(field)) {
      columns.add(wideColumnName('billing', field as AddressField));
      columns.add(wideColumnName('shipping', field as AddressField));
    }
  }
  return columns;
};
