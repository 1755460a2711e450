import type { TenantConfig } from '../config/index.js';
import { readMappedRecords } from '../mapping/index.js';
import type { ByteSource, TextEncoding } from '../reading/index.js';
import { createRowValidator, type ReferenceIndex } from '../validating/index.js';

/**
 * Reads the customer text of the rows at the given lines again, for naming the fields of a conflict: grouping keeps
 * short hashes of customer texts, not the texts, so the few rows in conflict are read a second time.
 */
export const readCustomerTexts = async (
  source: ByteSource,
  tenant: TenantConfig,
  encoding: TextEncoding,
  reference: ReferenceIndex,
  lines: number[],
): Promise<Map<number, string>> => {
  const wanted = new Set(lines);
  const texts = new Map<number, string>();
  const validateRow = createRowValidator(reference);
  await readMappedRecords(source, tenant, encoding, (cells, line, mapper) => {
    if (!wanted.has(line)) return true;
    for (const row of mapper.toRows(cells)) {
      const result = validateRow(row);
      if (result.ok) texts.set(line, result.row.customerText);
    }
    return texts.size < wanted.size;
  });
  return texts;
};
