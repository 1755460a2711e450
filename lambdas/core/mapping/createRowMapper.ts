import type { TenantConfig } from '../config/index.js';
import {
  CANONICAL_FIELDS,
  type CanonicalField,
  CUSTOMER_FIELDS,
  type MappedRow,
  WIDE_ADDRESS_FIELDS,
  WIDE_COLUMNS,
  wideColumnName,
} from '../fields.js';
import type { FileRefusal } from '../types.js';
import { normaliseHeader } from './normaliseHeader.js';

/** Turns one record's cells into canonical rows: one for address-rows, one or two (billing, shipping) for wide. */
export interface RowMapper {
  hasHeader: boolean;
  /** Cells a record must have (more are allowed only when empty, as left by a trailing delimiter). */
  expectedColumns: number;
  /** Header cells that map to no field: reported, not an error. */
  ignoredColumns: string[];
  toRows(cells: string[]): MappedRow[];
}

export type MapperResolution = { ok: true; mapper: RowMapper } | { ok: false; refusal: FileRefusal };

type Layout = 'address-rows' | 'wide';

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
/** A first row is taken for a header under `auto` when at least this share of its filled cells are known names. */
const HEADER_MATCH_SHARE = 0.5;
const ABSENT = -1;

const targetColumns = (layout: Layout): readonly string[] =>
  layout === 'wide' ? WIDE_COLUMNS : CANONICAL_FIELDS;
const requiredColumns = (layout: Layout): readonly string[] =>
  layout === 'wide' ? REQUIRED_WIDE_COLUMNS : REQUIRED_ROW_COLUMNS;

/** Position of each canonical field in `CANONICAL_FIELDS`, which is also its slot in a row's cell index. */
const F = Object.fromEntries(CANONICAL_FIELDS.map((field, k) => [field, k])) as Record<
  CanonicalField,
  number
>;

const SPACE = 0x20;
const DELETE = 0x7f;
/** Printable ASCII other than space: never white space that `trim` would remove. */
const isPrintableAscii = (code: number): boolean => code > SPACE && code < DELETE;

/** The trimmed cell, `undefined` when absent or blank. */
const cellAt = (cells: string[], index: number): string | undefined => {
  if (index === ABSENT) return undefined;
  const cell = cells[index];
  if (cell === undefined || cell.length === 0) return undefined;
  // Most cells start and end with a printable character: checking both ends is cheaper than calling trim.
  if (isPrintableAscii(cell.charCodeAt(0)) && isPrintableAscii(cell.charCodeAt(cell.length - 1))) return cell;
  const value = cell.trim();
  return value.length === 0 ? undefined : value;
};

/**
 * One canonical row from a record's cells; `at[k]` is the cell of `CANONICAL_FIELDS[k]` (or ABSENT). Written out
 * field by field, not in a loop over names: a store with a computed name is a slow lookup, and this runs on every
 * row. The type checks that no field is missing.
 */
const rowFromCells = (cells: string[], at: Int32Array): MappedRow => ({
  customer_code: cellAt(cells, at[F.customer_code]!),
  customer_name: cellAt(cells, at[F.customer_name]!),
  email: cellAt(cells, at[F.email]!),
  phone: cellAt(cells, at[F.phone]!),
  currency: cellAt(cells, at[F.currency]!),
  price_label: cellAt(cells, at[F.price_label]!),
  payment_terms_code: cellAt(cells, at[F.payment_terms_code]!),
  shipping_method_code: cellAt(cells, at[F.shipping_method_code]!),
  sales_rep_code: cellAt(cells, at[F.sales_rep_code]!),
  sales_rep_email: cellAt(cells, at[F.sales_rep_email]!),
  warehouse_code: cellAt(cells, at[F.warehouse_code]!),
  customer_group_code: cellAt(cells, at[F.customer_group_code]!),
  company_number: cellAt(cells, at[F.company_number]!),
  tax_id: cellAt(cells, at[F.tax_id]!),
  notes: cellAt(cells, at[F.notes]!),
  address_type: cellAt(cells, at[F.address_type]!),
  address_code: cellAt(cells, at[F.address_code]!),
  address_name: cellAt(cells, at[F.address_name]!),
  address_1: cellAt(cells, at[F.address_1]!),
  address_2: cellAt(cells, at[F.address_2]!),
  address_3: cellAt(cells, at[F.address_3]!),
  city: cellAt(cells, at[F.city]!),
  state: cellAt(cells, at[F.state]!),
  postal_code: cellAt(cells, at[F.postal_code]!),
  country: cellAt(cells, at[F.country]!),
  address_phone: cellAt(cells, at[F.address_phone]!),
});

const looksLikeHeader = (cells: string[], knownNames: ReadonlySet<string>): boolean => {
  const filled = cells.filter((cell) => cell.trim().length > 0);
  const known = filled.filter((cell) => knownNames.has(normaliseHeader(cell))).length;
  return known > 0 && known >= filled.length * HEADER_MATCH_SHARE;
};

/** Reads the address-rows layout: `indices[k]` is the cell of canonical field k. */
const addressRowsReader =
  (indices: Int32Array, addressTypes: ReadonlyMap<string, string> | undefined) =>
  (cells: string[]): MappedRow[] => {
    const row = rowFromCells(cells, indices);
    if (addressTypes && row.address_type !== undefined) {
      row.address_type = addressTypes.get(row.address_type.toLowerCase()) ?? row.address_type;
    }
    return [row];
  };

/**
 * Cell indices of one address group of the wide layout, in canonical order: the customer fields, then the group's
 * address fields; `address_type` has no cell, the group gives it.
 */
const wideGroupIndices = (indices: Int32Array, group: 0 | 1): Int32Array => {
  const at = new Int32Array(CANONICAL_FIELDS.length).fill(ABSENT);
  at.set(indices.subarray(0, CUSTOMER_FIELDS.length));
  const groupStart = CUSTOMER_FIELDS.length + group * WIDE_ADDRESS_FIELDS.length;
  WIDE_ADDRESS_FIELDS.forEach((field, k) => {
    at[F[field]] = indices[groupStart + k]!;
  });
  return at;
};

const hasAddress = (row: MappedRow): boolean => WIDE_ADDRESS_FIELDS.some((field) => row[field] !== undefined);

/** Reads the wide layout: customer fields, then the billing group, then the shipping group (skipped when empty). */
const wideReader = (indices: Int32Array) => {
  const billingAt = wideGroupIndices(indices, 0);
  const shippingAt = wideGroupIndices(indices, 1);
  return (cells: string[]): MappedRow[] => {
    const billing = rowFromCells(cells, billingAt);
    billing.address_type = 'billing';
    const shipping = rowFromCells(cells, shippingAt);
    if (!hasAddress(shipping)) return [billing];
    shipping.address_type = 'shipping';
    return [billing, shipping];
  };
};

const addressTypeWords = (tenant: TenantConfig): Map<string, string> | undefined => {
  if (tenant.template.kind !== 'mapped' || !tenant.template.addressTypeValues) return undefined;
  const words = new Map<string, string>();
  for (const word of tenant.template.addressTypeValues.billing) words.set(word.toLowerCase(), 'billing');
  for (const word of tenant.template.addressTypeValues.shipping) words.set(word.toLowerCase(), 'shipping');
  return words;
};

const refuse = (code: FileRefusal['code'], message: string): MapperResolution => ({
  ok: false,
  refusal: { code, message },
});

/**
 * Decides from the tenant's template and the file's first record whether the file has a header and where each
 * canonical field sits. Refuses the file when required columns cannot be found.
 */
export const createRowMapper = (firstCells: string[], tenant: TenantConfig): MapperResolution => {
  const { template } = tenant;
  const layout: Layout = template.kind === 'mapped' ? template.layout : template.kind;
  const targets = targetColumns(layout);
  // Target column → the tenant's column: its header name or 1-based position.
  const sources = new Map<string, string | number>(
    template.kind === 'mapped' ? Object.entries(template.columns) : targets.map((name) => [name, name]),
  );
  const unknownTargets = [...sources.keys()].filter((name) => !targets.includes(name));
  if (unknownTargets.length > 0) {
    return refuse(
      'missing_columns',
      `The tenant's column map names fields the ${layout} layout does not have: ${unknownTargets.join(', ')}.`,
    );
  }
  const knownNames = new Set(
    [...sources.values()].filter((s): s is string => typeof s === 'string').map(normaliseHeader),
  );
  const hasHeader = tenant.header === 'auto' ? looksLikeHeader(firstCells, knownNames) : tenant.header;

  const headerIndex = new Map<string, number>();
  if (hasHeader) {
    firstCells.forEach((cell, index) => {
      headerIndex.set(normaliseHeader(cell), index);
    });
  }
  const indices = new Int32Array(targets.length).fill(ABSENT);
  const used = new Set<number>();
  const missing: string[] = [];
  const byPosition = !hasHeader && template.kind !== 'mapped';
  targets.forEach((target, k) => {
    // Without a header the standard templates are read by position: column k is field k.
    const source = byPosition ? k + 1 : sources.get(target);
    if (source === undefined) return;
    const index =
      typeof source === 'number'
        ? source - 1
        : hasHeader
          ? (headerIndex.get(normaliseHeader(source)) ?? ABSENT)
          : ABSENT;
    if (index === ABSENT) missing.push(template.kind === 'mapped' ? `${target} ("${source}")` : target);
    else {
      indices[k] = index;
      used.add(index);
    }
  });
  const required = requiredColumns(layout);
  const missingRequired = missing.filter((name) => required.includes(name.split(' ')[0]!));
  if (missingRequired.length > 0) {
    const where = hasHeader
      ? 'the header row'
      : 'a file without a header row (name columns by position, or add a header)';
    return refuse(
      'missing_columns',
      `Required columns not found in ${where}: ${missingRequired.join(', ')}.`,
    );
  }
  const highestPosition = Math.max(...indices) + 1;
  const expectedColumns = hasHeader
    ? firstCells.length
    : Math.max(template.kind === 'mapped' ? firstCells.length : targets.length, highestPosition);
  const ignoredColumns = hasHeader
    ? firstCells.filter((cell, index) => !used.has(index) && cell.trim().length > 0)
    : [];
  const toRows =
    layout === 'wide' ? wideReader(indices) : addressRowsReader(indices, addressTypeWords(tenant));
  return { ok: true, mapper: { hasHeader, expectedColumns, ignoredColumns, toRows } };
};
