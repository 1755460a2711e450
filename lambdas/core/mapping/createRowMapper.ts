import type { TenantConfig } from '../config/index.js';
import type { MappedRow } from '../fields.js';
import type { FileRefusal } from '../types.js';
import { looksLikeHeader } from './detectHeader.js';
import { createDefaultFiller } from './fillDefaults.js';
import {
  defaultedColumns as defaulted,
  isSingleAddress,
  layoutOf,
  requiredColumns,
  targetColumns,
} from './layouts.js';
import { normaliseHeader } from './normaliseHeader.js';
import { type MissingColumn, resolveColumns } from './resolveColumns.js';
import { addressRowsReader, type RowReader, wideReader } from './rowReaders.js';
import { createValueTranslator } from './translateValues.js';

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

const refuse = (code: FileRefusal['code'], message: string): MapperResolution => ({
  ok: false,
  refusal: { code, message },
});

/** How a missing column is named in a refusal: with the tenant's own name for it under a mapped template. */
const describeMissing = (column: MissingColumn, mapped: boolean): string =>
  mapped ? `${column.target} ("${column.source}")` : column.target;

/** Header names the template reads that stand more than once in the header, each with its 1-based positions. */
const duplicateColumns = (header: string[], knownNames: ReadonlySet<string>): string[] => {
  const positions = new Map<string, number[]>();
  header.forEach((cell, index) => {
    const name = normaliseHeader(cell);
    if (knownNames.has(name)) positions.set(name, [...(positions.get(name) ?? []), index + 1]);
  });
  return [...positions]
    .filter(([, at]) => at.length > 1)
    .map(([name, at]) => `${name} (columns ${at.join(' and ')})`);
};

const addressTypeWords = (tenant: TenantConfig): Map<string, string> | undefined => {
  if (tenant.template.kind !== 'mapped' || !tenant.template.addressTypeValues) return undefined;
  const words = new Map<string, string>();
  for (const word of tenant.template.addressTypeValues.billing) words.set(word.toLowerCase(), 'billing');
  for (const word of tenant.template.addressTypeValues.shipping) words.set(word.toLowerCase(), 'shipping');
  return words;
};

/**
 * The reader with the tenant's value tables, then its defaults, applied to each row it gives (SPEC §1: before
 * validation). Defaults come second: they are JOOR's values already, as the tables' results are.
 */
const translated = (read: RowReader, tenant: TenantConfig): RowReader => {
  const steps = [createValueTranslator(tenant.valueMaps), createDefaultFiller(tenant.defaults)].filter(
    (step) => step !== undefined,
  );
  if (steps.length === 0) return read;
  return (cells) => {
    const rows = read(cells);
    for (const row of rows) for (const step of steps) step(row);
    return rows;
  };
};

/**
 * Decides from the tenant's template and the file's first record whether the file has a header and where each
 * canonical field sits. Refuses the file when required columns cannot be found.
 */
export const createRowMapper = (firstCells: string[], tenant: TenantConfig): MapperResolution => {
  const { template } = tenant;
  const mapped = template.kind === 'mapped';
  const layout = layoutOf(tenant);
  const targets = targetColumns(layout);
  // Target column → the tenant's column: its header name or 1-based position.
  const sources = new Map<string, string | number>(
    mapped ? Object.entries(template.columns) : targets.map((name) => [name, name]),
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
  const duplicates = hasHeader ? duplicateColumns(firstCells, knownNames) : [];
  if (duplicates.length > 0) {
    return refuse(
      'duplicate_columns',
      `Columns named twice in the header row: ${duplicates.join('; ')}. Keep one of each, or rename the other (the tenant's template says which column is read).`,
    );
  }
  // Without a header the standard templates are read by position: column k is field k.
  const { indices, used, missing } = resolveColumns(
    targets,
    sources,
    hasHeader ? firstCells : undefined,
    !hasHeader && !mapped,
  );
  const singleAddress = isSingleAddress(tenant);
  // A field with a default needs no column: the default fills every row.
  const required = requiredColumns(layout, singleAddress).filter(
    (column) => !defaulted(layout, tenant).has(column),
  );
  const missingRequired = missing.filter((column) => required.includes(column.target));
  if (missingRequired.length > 0) {
    const where = hasHeader
      ? 'the header row'
      : 'a file without a header row (name columns by position, or add a header)';
    return refuse(
      'missing_columns',
      `Required columns not found in ${where}: ${missingRequired.map((c) => describeMissing(c, mapped)).join(', ')}.`,
    );
  }
  const highestPosition = Math.max(...indices) + 1;
  const expectedColumns = hasHeader
    ? firstCells.length
    : Math.max(mapped ? firstCells.length : targets.length, highestPosition);
  const ignoredColumns = hasHeader
    ? firstCells.filter((cell, index) => !used.has(index) && cell.trim().length > 0)
    : [];
  const read =
    layout === 'wide'
      ? wideReader(indices)
      : addressRowsReader(indices, addressTypeWords(tenant), singleAddress);
  return {
    ok: true,
    mapper: { hasHeader, expectedColumns, ignoredColumns, toRows: translated(read, tenant) },
  };
};
