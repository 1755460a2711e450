import type { TenantConfig } from '../../../lambdas/core/config/index.js';
import { readMappedRecords } from '../../../lambdas/core/mapping/index.js';
import {
  type ByteSource,
  encodingOfInvalidUtf8,
  ReadError,
  readRecords,
  type TextEncoding,
  tallyUtf8,
} from '../../../lambdas/core/reading/index.js';

/** A record mapped to canonical fields (core/mapping's rows, by field name). */
type MappedRow = Readonly<Record<string, string | undefined>>;

/** The delimiters a tenant may declare (SPEC §1), tried in this order after the tenant's own. */
const DELIMITERS = ['|', ',', ';', '\t', ' '] as const;
/** Records looked at to decide which delimiter a file has: enough to see its shape, few enough to stay quick. */
const SAMPLE_RECORDS = 50;

/** One record of a file as the pipeline's reader gives it: its cells, first physical line, canonical rows if mapped. */
export interface FileRecord {
  cells: string[];
  line: number;
  /** The record mapped to canonical fields, when the file's columns could be mapped (its header or positions). */
  rows?: MappedRow[];
}

export type FileReading =
  | { readable: true; encoding: TextEncoding; delimiter: string; mapped: boolean }
  | { readable: false; reason: string };

/** Bytes handed to the reader at once: a reading that stops early (a sample of records) decodes no more than this. */
const CHUNK_BYTES = 64 * 1024;

const sourceOf =
  (bytes: Uint8Array): ByteSource =>
  () =>
    (async function* () {
      for (let at = 0; at < bytes.length; at += CHUNK_BYTES) yield bytes.subarray(at, at + CHUNK_BYTES);
    })();

/** Whether the file's first records map under this delimiter with the cells the mapping expects. */
const mapsWith = async (
  bytes: Uint8Array,
  tenant: TenantConfig,
  encoding: TextEncoding,
): Promise<boolean> => {
  let seen = 0;
  let whole = 0;
  const reading = await readMappedRecords(sourceOf(bytes), tenant, encoding, (cells, _line, mapper) => {
    seen += 1;
    if (cells.length >= mapper.expectedColumns) whole += 1;
    return seen < SAMPLE_RECORDS;
  });
  return reading.mapper !== undefined && (seen === 0 || whole * 2 > seen);
};

/** Records of more than one cell among the first ones, under this delimiter: how well it splits the file. */
const splitScore = async (bytes: Uint8Array, delimiter: string, encoding: TextEncoding): Promise<number> => {
  let seen = 0;
  let split = 0;
  await readRecords(sourceOf(bytes), { delimiter, encoding }, (cells) => {
    seen += 1;
    if (cells.length > 1) split += 1;
    return seen < SAMPLE_RECORDS;
  });
  return split;
};

/**
 * The delimiter the file has: the tenant's when its columns map with it, else the first of the others with which
 * they map (a file refused for another delimiter is read with the one it has), else the one that splits the most
 * records.
 */
const delimiterOf = async (
  bytes: Uint8Array,
  tenant: TenantConfig,
  encoding: TextEncoding,
): Promise<{ delimiter: string; mapped: boolean }> => {
  const candidates = [tenant.delimiter, ...DELIMITERS.filter((d) => d !== tenant.delimiter)];
  for (const delimiter of candidates)
    if (await mapsWith(bytes, { ...tenant, delimiter } as TenantConfig, encoding))
      return { delimiter, mapped: true };
  let best = { delimiter: tenant.delimiter as string, score: -1 };
  for (const delimiter of candidates) {
    const score = await splitScore(bytes, delimiter, encoding);
    if (score > best.score) best = { delimiter, score };
  }
  return { delimiter: best.delimiter, mapped: false };
};

/** A record's canonical rows, or none when the mapping cannot take it (a flawed record's odd cells). */
const rowsOf = (map: () => MappedRow[]): { rows?: MappedRow[] } => {
  try {
    return { rows: map() };
  } catch {
    return {};
  }
};

/** One reading of the file in one encoding; the reader throws ReadError for bytes that encoding cannot read. */
const readIn = async (
  bytes: Uint8Array,
  tenant: TenantConfig,
  requested: TextEncoding,
  visit: (record: FileRecord) => void,
): Promise<FileReading> => {
  const { delimiter, mapped } = await delimiterOf(bytes, tenant, requested);
  if (mapped) {
    // Through the mapping: the header (or a first record taken as one) is not handed on, nor are blank records.
    const reading = await readMappedRecords(
      sourceOf(bytes),
      { ...tenant, delimiter } as TenantConfig,
      requested,
      (cells, line, mapper) => {
        visit({ cells, line, ...rowsOf(() => mapper.toRows(cells)) });
        return true;
      },
    );
    if (reading.refusal?.code === 'unclosed_quote')
      return { readable: false, reason: reading.refusal.message };
    return { readable: true, encoding: reading.encoding, delimiter, mapped };
  }
  const summary = await readRecords(sourceOf(bytes), { delimiter, encoding: requested }, (cells, line) => {
    visit({ cells, line });
    return true;
  });
  if (summary.unclosedQuote)
    return {
      readable: false,
      reason: `A quote opened on line ${summary.unclosedQuote.line} is never closed: the file cannot be read as rows.`,
    };
  return { readable: true, encoding: summary.encoding, delimiter, mapped };
};

/**
 * Reads a file as the ERP sent it with the pipeline's own reader (core/reading: RFC 4180 quoting, records spanning
 * lines, CR, LF or CRLF) and mapping (core/mapping, for each record's canonical fields), and hands every record on in
 * file order. The encoding is the one the splitter would take (UTF-16 by its byte-order mark; the tenant's declared
 * one, UTF-8 under `auto`; a file that is not UTF-8 read again as UTF-8 with its bad bytes replaced or as
 * Windows-1252, as validateFile chooses): `restart` is called before a reading in another encoding begins, so that
 * the caller drops what the first handed on. The delimiter is the one the file has. A file no encoding reads (binary
 * data, bytes of no encoding), or in which a quote never closes (nothing after it can be told apart), is unreadable.
 */
export const readFileRecords = async (
  bytes: Uint8Array,
  tenant: TenantConfig,
  visit: (record: FileRecord) => void,
  restart: () => void = () => {},
): Promise<FileReading> => {
  let encoding: TextEncoding = tenant.encoding === 'auto' ? 'utf-8' : tenant.encoding;
  for (;;) {
    try {
      return await readIn(bytes, tenant, encoding, visit);
    } catch (error) {
      if (!(error instanceof ReadError)) throw error;
      // Erasure reads a file under any encoding that reads it: one archived under an older config is read all the same.
      if (error.kind === 'not_utf8' && encoding === 'utf-8') {
        encoding = encodingOfInvalidUtf8(await tallyUtf8(sourceOf(bytes)));
        restart();
        continue;
      }
      return { readable: false, reason: error.message };
    }
  }
};
