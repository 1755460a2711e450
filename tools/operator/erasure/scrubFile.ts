import { decode as decodeWindows1252 } from 'windows-1252';
import type { TenantConfig } from '../../../lambdas/core/config/index.js';
import type { TextEncoding } from '../../../lambdas/core/reading/index.js';
import { readFileRecords } from './readFileRecords.js';
import type { Traces } from './Traces.js';

/** A file as the ERP sent it, after erasure: rewritten without the customers' records, or not readable at all. */
export type FileScrub =
  | { readable: true; encoding: TextEncoding; removed: number; body: Buffer }
  | { readable: false; reason: string };

const LF = 0x0a;
const CR = 0x0d;
const UTF8_BOM = [0xef, 0xbb, 0xbf];

/** Bytes before line 1 that the decoder strips (a byte-order mark): kept whatever lines go. */
const bomLength = (bytes: Uint8Array, encoding: TextEncoding): number => {
  if (encoding === 'utf-16le' || encoding === 'utf-16be') return 2;
  if (encoding === 'windows-1252') return 0;
  return UTF8_BOM.every((b, i) => bytes[i] === b) ? UTF8_BOM.length : 0;
};

/**
 * The file's bytes without the physical lines `dropped` names, cut where the reader counts lines (LF, CRLF or a lone
 * CR, in the file's own code units): every other byte stays as it was, bytes no encoding would give back included.
 */
const withoutLines = (bytes: Buffer, encoding: TextEncoding, dropped: (line: number) => boolean): Buffer => {
  const width = encoding === 'utf-16le' || encoding === 'utf-16be' ? 2 : 1;
  const unitAt =
    encoding === 'utf-16le'
      ? (i: number) => bytes[i]! | (bytes[i + 1]! << 8)
      : encoding === 'utf-16be'
        ? (i: number) => (bytes[i]! << 8) | bytes[i + 1]!
        : (i: number) => bytes[i]!;
  const head = bomLength(bytes, encoding);
  const kept: Buffer[] = [bytes.subarray(0, head)];
  let line = 1;
  let start = head;
  const endLine = (end: number) => {
    if (!dropped(line)) kept.push(bytes.subarray(start, end));
    line += 1;
    start = end;
  };
  for (let i = head; i + width <= bytes.length; i += width) {
    const unit = unitAt(i);
    if (unit === LF || (unit === CR && !(i + 2 * width <= bytes.length && unitAt(i + width) === LF)))
      endLine(i + width);
  }
  if (start < bytes.length) endLine(bytes.length);
  return Buffer.concat(kept);
};

/**
 * A file's records that belong to the customers (one of its cells is one of their codes), removed with every line they
 * span (a quoted field across lines included), in the file's own encoding, delimiter and quoting as the pipeline's
 * reader finds them. Their personal values go to `traces`, for the search that follows.
 */
export const scrubFile = async (bytes: Buffer, tenant: TenantConfig, traces: Traces): Promise<FileScrub> => {
  const starts: number[] = [];
  const mine: boolean[] = [];
  const reading = await readFileRecords(
    bytes,
    tenant,
    (record) => {
      const belongs =
        traces.holdsCode(record.cells) ||
        (record.rows ?? []).some(
          (row) => row.customer_code !== undefined && traces.codes.has(row.customer_code),
        );
      starts.push(record.line);
      mine.push(belongs);
      if (belongs && record.rows) traces.addRows(record.rows);
    },
    () => {
      // Read again in another encoding: the records are handed on afresh.
      starts.length = 0;
      mine.length = 0;
    },
  );
  if (!reading.readable) return reading;
  const removed = mine.filter(Boolean).length;
  if (removed === 0) return { readable: true, encoding: reading.encoding, removed, body: bytes };
  // A record spans from its first line to the next record's: its quoted line breaks, and blank lines after it.
  const spans = starts
    .map((from, i) => ({ from, to: starts[i + 1] ?? Number.POSITIVE_INFINITY, mine: mine[i]! }))
    .filter((span) => span.mine);
  // Lines come in order, and spans are in order and apart: one pass over both.
  let next = 0;
  const dropped = (line: number) => {
    while (next < spans.length && spans[next]!.to <= line) next += 1;
    return next < spans.length && line >= spans[next]!.from;
  };
  return {
    readable: true,
    encoding: reading.encoding,
    removed,
    body: withoutLines(bytes, reading.encoding, dropped),
  };
};

/** A file's text in an encoding the reader names (for the search after erasure). */
export const textOf = (bytes: Uint8Array, encoding: TextEncoding): string =>
  encoding === 'windows-1252'
    ? decodeWindows1252(bytes, { mode: 'replacement' })
    : new TextDecoder(encoding === 'utf-8-replacing' ? 'utf-8' : encoding).decode(bytes);

/** Every text a file no encoding reads might hold: searched in each, so that nothing is missed for the encoding. */
export const textsOfUnreadable = (bytes: Uint8Array): string[] => [
  new TextDecoder('utf-8').decode(bytes),
  new TextDecoder('utf-16le').decode(bytes),
  new TextDecoder('utf-16be').decode(bytes),
  decodeWindows1252(bytes, { mode: 'replacement' }),
];
