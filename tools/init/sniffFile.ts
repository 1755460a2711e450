import { createReadStream } from 'node:fs';
import { open, stat } from 'node:fs/promises';
import {
  type ByteSource,
  encodingAdvice,
  encodingOfInvalidUtf8,
  legacyEncodingOfInvalidUtf8,
  REPLACEMENT_CHARACTER,
  ReadError,
  readRecords,
  type TextEncoding,
  tallyUtf8,
  UTF8_REPLACING,
  utf16ByteOrderOf,
} from '../../lambdas/core/reading/index.js';
import { InitError } from './InitError.js';

export type Delimiter = '|' | ',' | ';' | '\t' | ' ';

/** How a file's bytes are text, as `init` found them. */
export interface Sniffed {
  bytes: number;
  /** The decoder to read it with: UTF-8, UTF-16, Windows-1252 or a legacy CJK encoding found by trying decoders. */
  encoding: TextEncoding;
  /** A UTF-8 byte-order mark at the start. */
  bom: boolean;
  /** Bytes that are not UTF-8 in a file read as UTF-8: their rows will be rejected. */
  invalidBytes: number;
  lineEnds: 'CRLF' | 'LF' | 'CR' | 'mixed' | 'none';
  delimiter: Delimiter;
  /** The file starts with Excel's `sep=` line, which named the delimiter (the line is not among `records`). */
  sepLine?: boolean;
  /** The first records (header included), blank lines left out. */
  records: string[][];
  /** Every record was read (the file has no more than `records`). */
  complete: boolean;
}

/** Bytes looked at to choose the delimiter and the line ends. */
const HEAD_BYTES = 256 * 1024;
/** Records looked at to choose the delimiter. */
const DELIMITER_RECORDS = 200;
/** Records whose values the content checks look at: enough for a fair share, bounded for a million-row file. */
export const SAMPLE_RECORDS = 5_000;
/** Tried in this order: the space last, since names and addresses hold spaces. */
const DELIMITERS: readonly Delimiter[] = ['|', ';', ',', '\t', ' '];
/** A space-delimited reading must be this regular to be believed. */
const SPACE_SHARE = 0.95;

const UTF8_BOM = [0xef, 0xbb, 0xbf];

const readHead = async (path: string): Promise<Buffer> => {
  const handle = await open(path, 'r');
  try {
    const buffer = Buffer.alloc(HEAD_BYTES);
    const { bytesRead } = await handle.read(buffer, 0, HEAD_BYTES, 0);
    return buffer.subarray(0, bytesRead);
  } finally {
    await handle.close();
  }
};

const sourceOf =
  (bytes: Uint8Array): ByteSource =>
  () =>
    (async function* () {
      yield bytes;
    })();

/** The WHATWG label of a decoder `init` reads with. */
const labelOf = (encoding: TextEncoding): string => (encoding === UTF8_REPLACING ? 'utf-8' : encoding);

const lineEndsOf = (text: string): Sniffed['lineEnds'] => {
  const crlf = text.match(/\r\n/g)?.length ?? 0;
  const cr = (text.match(/\r/g)?.length ?? 0) - crlf;
  const lf = (text.match(/\n/g)?.length ?? 0) - crlf;
  const kinds = [crlf > 0, cr > 0, lf > 0].filter(Boolean).length;
  if (kinds === 0) return 'none';
  if (kinds > 1) return 'mixed';
  return crlf > 0 ? 'CRLF' : cr > 0 ? 'CR' : 'LF';
};

const isBlank = (cells: string[]): boolean => cells.every((cell) => cell.trim() === '');

/** Reads up to `limit` non-blank records; true in `complete` when the source had no more. */
const firstRecords = async (
  source: ByteSource,
  delimiter: Delimiter,
  encoding: TextEncoding,
  limit: number,
): Promise<{ records: string[][]; complete: boolean; sepHint?: string }> => {
  const records: string[][] = [];
  let complete = true;
  const summary = await readRecords(source, { delimiter, encoding }, (cells) => {
    if (isBlank(cells)) return true;
    if (records.length === limit) {
      complete = false;
      return false;
    }
    records.push(cells);
    return true;
  });
  return { records, complete, ...(summary.sepLine ? { sepHint: summary.delimiter } : {}) };
};

/** How regular the records are under a delimiter: the usual cell count and the share of records that have it. */
const regularity = (records: string[][]): { cells: number; share: number } => {
  const counts = new Map<number, number>();
  for (const record of records) counts.set(record.length, (counts.get(record.length) ?? 0) + 1);
  let cells = 0;
  let most = 0;
  for (const [count, times] of counts) {
    if (times > most || (times === most && count > cells)) {
      cells = count;
      most = times;
    }
  }
  return { cells, share: records.length === 0 ? 0 : most / records.length };
};

const chooseDelimiter = async (
  head: Uint8Array,
  encoding: TextEncoding,
  whole: boolean,
): Promise<{ delimiter: Delimiter; sepLine: boolean }> => {
  // Excel's `sep=` line names the delimiter: the reader takes it whatever it is asked for.
  const { sepHint } = await firstRecords(sourceOf(head), DELIMITERS[0]!, encoding, 1);
  // (The reader takes only the five delimiters as hints.)
  if (sepHint !== undefined) return { delimiter: sepHint as Delimiter, sepLine: true };
  let best: { delimiter: Delimiter; cells: number; share: number } | undefined;
  for (const delimiter of DELIMITERS) {
    const { records } = await firstRecords(sourceOf(head), delimiter, encoding, DELIMITER_RECORDS + 1);
    // The head may end inside a record: its last one is left out unless the head is the whole file.
    const looked = whole || records.length <= 1 ? records : records.slice(0, -1);
    const { cells, share } = regularity(looked.slice(0, DELIMITER_RECORDS));
    if (cells < 2 || (delimiter === ' ' && share < SPACE_SHARE)) continue;
    // Rounded, so that a delimiter giving as regular a reading with more cells wins ("a;b|c" files).
    const rounded = Math.round(share * 20) / 20;
    if (!best || rounded > best.share || (rounded === best.share && cells > best.cells))
      best = { delimiter, cells, share: rounded };
  }
  if (!best)
    throw new InitError(
      'No delimiter splits the lines into columns (tried | ; , tab and space): the file is not delimited text.',
    );
  return { delimiter: best.delimiter, sepLine: false };
};

/** The advice's setting, as `init` takes it. */
const initSetting = (label: string): string => `run init again with --encoding ${label}`;

/**
 * A file read as UTF-8 whose header row holds bytes that are not UTF-8 is in another encoding: its names would be
 * written into the config garbled, so `init` stops (exit 2) with the encoding it reads in, when one is clear.
 */
const garbledHeader = (
  path: string,
  head: Uint8Array,
  whole: boolean,
  first: string[],
): InitError | undefined => {
  if (!first.some((cell) => cell.includes(REPLACEMENT_CHARACTER))) return undefined;
  const advice =
    encodingAdvice(head, whole, 'utf-8', initSetting) ??
    'Name its encoding with --encoding <label> (a WHATWG label such as windows-1250, iso-8859-2, shift_jis), or export it as UTF-8.';
  return new InitError(
    `${path}: the header row holds bytes that are not UTF-8, so the file is not UTF-8 with a few bad bytes but in another encoding. ${advice}`,
  );
};

/**
 * Finds how a file is written: its encoding (a BOM, UTF-8, UTF-8 with a few bad bytes, Windows-1252, UTF-16 by its
 * BOM: the same rule `validate` applies under `auto`; and a legacy CJK encoding, Shift_JIS, EUC-JP, GB18030, Big5 or
 * EUC-KR, when the file is not UTF-8 and its start reads cleanly and plausibly in one), or the one it is told; its line
 * ends; its delimiter (Excel's `sep=` line, else the one that splits the first lines most regularly into two or more
 * columns); and its first records. Throws `InitError` for a file that is missing, empty, binary, not delimited, or
 * not text in the encoding found.
 */
export const sniffFile = async (path: string, told?: TextEncoding): Promise<Sniffed> => {
  let bytes: number;
  try {
    const info = await stat(path);
    if (!info.isFile()) throw new InitError(`${path} is not a file.`);
    bytes = info.size;
  } catch (error) {
    if (error instanceof InitError) throw error;
    throw new InitError(
      `Cannot read ${path}: ${(error as NodeJS.ErrnoException).code ?? (error as Error).message}.`,
    );
  }
  if (bytes === 0) throw new InitError(`${path} is empty.`);
  const source: ByteSource = () => createReadStream(path);
  const head = await readHead(path);
  const utf16 = utf16ByteOrderOf(head);
  let encoding: TextEncoding;
  let invalidBytes = 0;
  const bom = UTF8_BOM.every((byte, k) => head[k] === byte);
  const whole = head.byteLength === bytes;
  if (utf16) encoding = utf16;
  else if (told !== undefined) encoding = told;
  else {
    if (head.includes(0)) throw new InitError(`${path} holds binary data (NUL bytes), not delimited text.`);
    const tally = await tallyUtf8(source);
    encoding =
      tally.invalidBytes === 0
        ? 'utf-8'
        : (legacyEncodingOfInvalidUtf8(tally, head, whole) ?? encodingOfInvalidUtf8(tally));
    if (encoding === UTF8_REPLACING) invalidBytes = tally.invalidBytes;
  }
  const lineEnds = lineEndsOf(new TextDecoder(labelOf(encoding)).decode(head));
  try {
    const { delimiter, sepLine } = await chooseDelimiter(head, encoding, whole);
    const { records, complete } = await firstRecords(source, delimiter, encoding, SAMPLE_RECORDS);
    const garbled =
      encoding === UTF8_REPLACING && records[0] ? garbledHeader(path, head, whole, records[0]) : undefined;
    if (garbled) throw garbled;
    return { bytes, encoding, bom, invalidBytes, lineEnds, delimiter, sepLine, records, complete };
  } catch (error) {
    if (error instanceof ReadError) {
      const advice = encodingAdvice(head, whole, error.encoding, initSetting);
      throw new InitError(`${path}: ${error.message}${advice ? ` ${advice}` : ''}`);
    }
    throw error;
  }
};
