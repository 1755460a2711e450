import type { TenantConfig } from '../config/index.js';
import type { TextEncoding } from '../reading/index.js';
import { type ByteSource, readRecords } from '../reading/index.js';
import type { FileRefusal } from '../types.js';
import { createRowMapper, type RowMapper } from './createRowMapper.js';

/** Receives each data record (header and blank lines skipped); returning `false` stops the reading. */
export type DataVisitor = (cells: string[], line: number, mapper: RowMapper) => boolean | undefined;

export interface MappedReading {
  bytes: number;
  /** Non-blank records, the header included. */
  records: number;
  mapper?: RowMapper;
  refusal?: FileRefusal;
}

const isBlank = (cells: string[]): boolean =>
  cells.length === 0 || (cells.length === 1 && cells[0]!.trim() === '');

/**
 * Reads a file with the tenant's delimiter, decides from its first record how columns map to canonical fields,
 * and hands every data record on with its mapper. Stops at once when the columns cannot be mapped.
 */
export const readMappedRecords = async (
  source: ByteSource,
  tenant: TenantConfig,
  encoding: TextEncoding,
  visit: DataVisitor,
): Promise<MappedReading> => {
  let mapper: RowMapper | undefined;
  let refusal: FileRefusal | undefined;
  let records = 0;
  const { bytes } = await readRecords(source, { delimiter: tenant.delimiter, encoding }, (cells, line) => {
    if (isBlank(cells)) return true;
    records += 1;
    if (!mapper) {
      const resolution = createRowMapper(cells, tenant);
      if (!resolution.ok) {
        refusal = resolution.refusal;
        return false;
      }
      mapper = resolution.mapper;
      if (mapper.hasHeader) return true;
    }
    return visit(cells, line, mapper);
  });
  return { bytes, records, ...(mapper ? { mapper } : {}), ...(refusal ? { refusal } : {}) };
};
