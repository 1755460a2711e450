import { Readable, Transform } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { parse } from 'fast-csv';
import { createDecoder, type TextEncoding } from './createDecoder.js';
import { forgivingCells } from './forgivingCells.js';
import { MAX_RECORD_CHARS, type RecordFlaw, RecordScanner, type UnclosedQuote } from './RecordScanner.js';
import { type SepHint, sepHintOf } from './sepHint.js';

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
  /** The encoding the file was read in: the one asked for, or another a byte-order mark declared. */
  encoding: TextEncoding;
  /** The delimiter the file was read with: the one asked for, or the one an Excel `sep=` line named. */
  delimiter: string;
  /** The file starts with Excel's `sep=` line (skipped, its line counted). */
  sepLine: boolean;
  /** Physical lines seen, counting line breaks inside quoted fields. */
  lines: number;
  /** A quote opened and never closed: nothing from its line on could be read. */
  unclosedQuote?: UnclosedQuote;
}

const QUOTE = '"';

/** The text pieces of a file with its first `skip` characters left out. */
async function* withoutStart(first: string, skip: number, rest: AsyncIterator<string>) {
  if (first.length > skip) yield first.slice(skip);
  for (let next = await rest.next(); !next.done; next = await rest.next()) yield next.value;
}

/**
 * Streams a delimited file (RFC 4180 quoting, CRLF, LF or CR, BOM stripped; any encoding a `TextDecoder` knows)
 * through fast-csv and hands every record to `visit` with its starting line, without ever holding the whole file.
 * A first line `sep=;` (Excel's hint) sets the delimiter and is skipped, its line counted. A scanner in front of the
 * parser keeps from it the records it would throw on or crawl through (bad quotes, over-long lines): those come to
 * `visit` flagged, so content never ends the reading. Throws `ReadError` only for bytes that are not text.
 */
export const readRecords = async (
  source: ByteSource,
  options: ReadOptions,
  visit: RecordVisitor,
): Promise<ReadSummary> => {
  let bytes = 0;
  let unclosedQuote: UnclosedQuote | undefined;
  let stopped = false;
  let encoding = options.encoding;
  let delimiter = options.delimiter;
  let sepLine = false;
  let lines = 0;
  const decoder = createDecoder(options.encoding, (found) => {
    encoding = found;
  });
  const counted = async function* (input: AsyncIterable<Uint8Array>) {
    for await (const chunk of input) {
      bytes += chunk.byteLength;
      yield chunk;
    }
  };
  /** Parses the text once its start has said whether an Excel hint line sets the delimiter. */
  const parseText = async (texts: AsyncIterable<string>): Promise<void> => {
    const pieces = texts[Symbol.asyncIterator]();
    let start = '';
    let hint: SepHint = 'more';
    while (hint === 'more') {
      const next = await pieces.next();
      if (!next.done) start += next.value;
      hint = sepHintOf(start, next.done === true);
    }
    const skip = hint === 'none' ? 0 : hint.length;
    if (hint !== 'none') {
      delimiter = hint.delimiter;
      sepLine = true;
    }
    const scanner = new RecordScanner(delimiter, MAX_RECORD_CHARS, sepLine ? 2 : 1);
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
      delimiter,
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
        if (visit(forgivingCells(next.text ?? '', delimiter), next.line, next.flaw) === false) return false;
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
    try {
      await pipeline(Readable.from(withoutStart(start, skip, pieces)), guard, parser);
      if (!stopped) visitFlawed();
    } finally {
      lines = scanner.lines;
    }
  };
  try {
    await pipeline(Readable.from(source() as AsyncIterable<Uint8Array>), counted, decoder, parseText);
  } catch (error) {
    if (!(error instanceof StopReading)) throw error;
  }
  return {
    bytes,
    encoding,
    delimiter,
    sepLine,
    lines,
    ...(unclosedQuote ? { unclosedQuote } : {}),
  };
};
