import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { parse } from 'fast-csv';
import { createDecoder, type TextEncoding } from './createDecoder.js';

/** Opens the file's bytes afresh: a file may be read twice (encoding fallback, second pass for the payloads). */
export type ByteSource = () => AsyncIterable<Uint8Array> | NodeJS.ReadableStream;

export interface ReadOptions {
  delimiter: string;
  encoding: TextEncoding;
}

/** Receives each record with the physical line it starts on (1-based); returning `false` stops the reading. */
export type RecordVisitor = (cells: string[], line: number) => boolean | undefined;

/** Ends a pipeline on purpose when the visitor has seen enough. */
class StopReading extends Error {}

export interface ReadSummary {
  bytes: number;
  /** Physical lines seen, counting line breaks inside quoted fields. */
  lines: number;
}

const QUOTE = '"';

const lineBreaksIn = (cells: string[]): number => {
  let breaks = 0;
  for (const cell of cells) {
    if (cell.length === 0) continue;
    for (let at = cell.indexOf('\n'); at !== -1; at = cell.indexOf('\n', at + 1)) breaks += 1;
    // A lone CR (old Mac line ending) inside quotes is a line break too; CRLF was counted by its LF.
    for (let at = cell.indexOf('\r'); at !== -1; at = cell.indexOf('\r', at + 1)) {
      if (cell.charCodeAt(at + 1) !== 10) breaks += 1;
    }
  }
  return breaks;
};

/**
 * Streams a delimited file (RFC 4180 quoting, CRLF or LF, BOM stripped) through fast-csv and hands every record to
 * `visit` with its starting line, without ever holding the whole file. Throws `ReadError` for binary or undecodable bytes.
 */
export const readRecords = async (
  source: ByteSource,
  options: ReadOptions,
  visit: RecordVisitor,
): Promise<ReadSummary> => {
  let bytes = 0;
  let line = 1;
  // Line breaks can only hide inside quoted fields: until a quote has been decoded, no record can hold one.
  let quoteSeen = false;
  const decoder = createDecoder(options.encoding, (text) => {
    if (!quoteSeen && text.includes(QUOTE)) quoteSeen = true;
  });
  const parser = parse<string[], string[]>({
    delimiter: options.delimiter,
    quote: QUOTE,
    escape: QUOTE,
    headers: false,
    ignoreEmpty: false,
    trim: false,
  });
  parser.on('data', (cells: string[]) => {
    if (visit(cells, line) === false) parser.destroy(new StopReading());
    line += quoteSeen ? 1 + lineBreaksIn(cells) : 1;
  });
  const counted = async function* (input: AsyncIterable<Uint8Array>) {
    for await (const chunk of input) {
      bytes += chunk.byteLength;
      yield chunk;
    }
  };
  try {
    await pipeline(Readable.from(source() as AsyncIterable<Uint8Array>), counted, decoder, parser);
  } catch (error) {
    if (!(error instanceof StopReading)) throw error;
  }
  return { bytes, lines: line - 1 };
};
