import { Readable, Transform } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { parse } from 'fast-csv';
import { createDecoder, type TextEncoding } from './createDecoder.js';
import { forgivingCells } from './forgivingCells.js';
import { type RecordFlaw, RecordScanner, type UnclosedQuote } from './RecordScanner.js';

/** Opens the file's bytes afresh: a file may be read twice (encoding fallback, second pass for the payloads). */
export type ByteSource = () => AsyncIterable<Uint8Array> | NodeJS.ReadableStream;

export interface ReadOptions {
  delimiter: string;
  encoding: TextEncoding;
}

/**
 * Receives each record with the physical line it starts on (1-based); a record the parser could not read comes with
 * its flaw and forgiving cells. Returning `false` stops the reading.
 */
export type RecordVisitor = (cells: string[], line: number, flaw?: RecordFlaw) => boolean | undefined;

/** Ends a pipeline on purpose when the visitor has seen enough. */
class StopReading extends Error {}

export interface ReadSummary {
  bytes: number;
  /** The encoding the file was read in: the one asked for, or UTF-16 when the decoder found its byte-order mark. */
  encoding: TextEncoding;
  /** Physical lines seen, counting line breaks inside quoted fields. */
  lines: number;
  /** A quote opened and never closed: nothing from its line on could be read. */
  unclosedQuote?: UnclosedQuote;
}

const QUOTE = '"';

/**
 * Streams a delimited file (RFC 4180 quoting, CRLF, LF or CR, BOM stripped; UTF-16 by its BOM) through fast-csv and hands every record
 * to `visit` with its starting line, without ever holding the whole file. A scanner in front of the parser keeps from
 * it the records it would throw on or crawl through (bad quotes, over-long lines): those come to `visit` flagged, so
 * content never ends the reading. Throws `ReadError` only for bytes that are not text.
 */
export const readRecords = async (
  source: ByteSource,
  options: ReadOptions,
  visit: RecordVisitor,
): Promise<ReadSummary> => {
  let bytes = 0;
  let unclosedQuote: UnclosedQuote | undefined;
  let stopped = false;
  const scanner = new RecordScanner(options.delimiter);
  let encoding = options.encoding;
  const decoder = createDecoder(options.encoding, (found) => {
    encoding = found;
  });
  const guard = new Transform({
    objectMode: true,
    transform(text: string, _encoding, done) {
      const readable = scanner.write(text);
      done(null, readable.length > 0 ? readable : undefined);
    },
    flush(done) {
      const last = scanner.end();
      if ('unclosed' in last) unclosedQuote = last.unclosed;
      done(null, 'text' in last && last.text.length > 0 ? last.text : undefined);
    },
  });
  const parser = parse<string[], string[]>({
    delimiter: options.delimiter,
    quote: QUOTE,
    escape: QUOTE,
    headers: false,
    ignoreEmpty: false,
    trim: false,
  });
  /** Hands on the flawed records the scanner placed before the parser's next row, in file order. */
  const visitFlawed = (): boolean => {
    for (let next = scanner.peek(); next?.flaw; next = scanner.peek()) {
      scanner.shift();
      if (visit(forgivingCells(next.text ?? '', options.delimiter), next.line, next.flaw) === false)
        return false;
    }
    return true;
  };
  const stop = (): void => {
    stopped = true;
    parser.destroy(new StopReading());
  };
  parser.on('data', (cells: string[]) => {
    if (stopped) return;
    if (!visitFlawed()) return stop();
    const record = scanner.shift();
    if (record === undefined) throw new Error('The record scanner fell out of step with the parser.');
    if (visit(cells, record.line) === false) stop();
  });
  const counted = async function* (input: AsyncIterable<Uint8Array>) {
    for await (const chunk of input) {
      bytes += chunk.byteLength;
      yield chunk;
    }
  };
  try {
    await pipeline(Readable.from(source() as AsyncIterable<Uint8Array>), counted, decoder, guard, parser);
    if (!stopped) visitFlawed();
  } catch (error) {
    if (!(error instanceof StopReading)) throw error;
  }
  return {
    bytes,
    encoding,
    lines: scanner.lines,
    ...(unclosedQuote ? { unclosedQuote } : {}),
  };
};
