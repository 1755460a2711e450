import type { TenantConfig } from '../config/index.js';
import type { CanonicalField, MappedRow } from '../fields.js';

/** Fills a row's blank or missing values from the tenant's defaults, in place. */
export type DefaultFiller = (row: MappedRow) => void;

/**
 * The tenant's `defaults` as one filler: a field whose cell is blank, or whose column the file lacks, takes its
 * default (Dynamics NAV leaves the currency blank for the company's own; a Japanese master has no price list column).
 * Defaults are JOOR's values: they are filled after `valueMaps` has translated the ERP's, so no table rewrites them,
 * and before validation, which holds them to the same rules as the file's. `undefined` when the tenant has none.
 *
 * @example
 * const fill = createDefaultFiller({ currency: 'EUR' });
 * fill(row); // row.currency: undefined → 'EUR'; 'USD' stays 'USD'
 */
export const createDefaultFiller = (defaults: TenantConfig['defaults']): DefaultFiller | undefined => {
  const entries = Object.entries(defaults) as [CanonicalField, string][];
  if (entries.length === 0) return undefined;
  return (row) => {
    for (const [field, value] of entries) if (row[field] === undefined) row[field] = value;
  };
};
