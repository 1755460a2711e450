import { type TenantConfig, type ValueMapField, valueMapKey } from '../config/index.js';
import type { MappedRow } from '../fields.js';

/** Rewrites a row's values through the tenant's tables, in place. */
export type ValueTranslator = (row: MappedRow) => void;

/**
 * The tenant's `valueMaps` as one translator: a value with an entry (matched trimmed, in any case) becomes JOOR's
 * value, any other stays as it is (`strictValues` is validation's to enforce). `undefined` when the tenant has no
 * tables, so that rows of most tenants take no extra step. Translating twice is harmless only when no JOOR value is
 * also an ERP value of the same table, so it is applied once, where rows are mapped.
 *
 * @example
 * const translate = createValueTranslator({ payment_terms_code: { '30 days': 'NET30' } });
 * translate(row); // row.payment_terms_code: '30 Days' → 'NET30'
 */
export const createValueTranslator = (
  valueMaps: TenantConfig['valueMaps'] | undefined,
): ValueTranslator | undefined => {
  const tables: [ValueMapField, Map<string, string>][] = [];
  for (const [field, table] of Object.entries(valueMaps ?? {}) as [ValueMapField, Record<string, string>][]) {
    tables.push([field, new Map(Object.entries(table).map(([erp, joor]) => [valueMapKey(erp), joor]))]);
  }
  if (tables.length === 0) return undefined;
  return (row) => {
    for (const [field, table] of tables) {
      const value = row[field];
      if (value === undefined) continue;
      const joor = table.get(valueMapKey(value));
      if (joor !== undefined) row[field] = joor;
    }
  };
};
