import type { TenantConfig } from '../config/index.js';
import { formatCount } from '../formatCount.js';
import type { RecordFlaw, TextEncoding, UnclosedQuote } from '../reading/index.js';
import { type ByteSource, readRecords } from '../reading/index.js';
import type { FileRefusal } from '../types.js';
import { createRowMapper, type RowMapper } from './createRowMapper.js';

/**
 * Receives each data record (header and blank lines skipped), flagged when the parser could not read it; returning
 * `false` stops the reading.
 */
export type DataVisitor = (
  cells: string[],
  line: number,
  mapper: RowMapper,
  flaw?: RecordFlaw,
) => boolean | undefined;

export interface MappedReading {
  bytes: number;
  /** The encoding the file was read in (UTF-16 when it starts with its byte-order mark). */
  encoding: TextEncoding;
  /** The delimiter the file was read with: the tenant's, or the one Excel's `sep=` line named. */
  delimiter: string;
  /** Non-blank records, the header included. */
  records: number;
  mapper?: RowMapper;
  refusal?: FileRefusal;
}

/** The refusal of a file in which a quote opens and never closes: no record after it can be told apart. */
export const unclosedQuoteRefusal = (quote: UnclosedQuote): FileRefusal => ({
  code: 'unclosed_quote',
  message: `A quote opened on line ${formatCount(quote.line)} (column ${quote.column}) is never closed, so line ${formatCount(quote.line)}${quote.lastLine > quote.line ? ` to the end (line ${formatCount(quote.lastLine)})` : ''} cannot be read as rows: close the quote, or double each quote that is part of a value, and send the file again.`,
});

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
  const reading = await readRecords(
    source,
    { delimiter: tenant.delimiter, encoding },
    (cells, line, flaw) => {
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
      return visit(cells, line, mapper, flaw);
    },
  );
  if (!refusal && reading.unclosedQuote) refusal = unclosedQuoteRefusal(reading.unclosedQuote);
  return {
    bytes: reading.bytes,
    encoding: reading.encoding,
    delimiter: reading.delimiter,
    records,
    ...(mapper ? { mapper } : {}),
    ...(refusal ? { refusal } : {}),
  };
};
