import { Transform } from 'node:stream';
import { decode as decodeWindows1252 } from 'windows-1252';
import { ReadError } from './ReadError.js';

/**
 * How a file's bytes are read. `utf-8-replacing` reads UTF-8 with each invalid byte as U+FFFD, for files that are
 * UTF-8 but for a few damaged bytes (their rows are rejected); UTF-16 is read only when the file starts with its BOM.
 */
export type TextEncoding = 'utf-8' | 'utf-8-replacing' | 'windows-1252' | 'utf-16le' | 'utf-16be';

/** The replacement character: what a byte that is not UTF-8 becomes under `utf-8-replacing`. */
export const REPLACEMENT_CHARACTER = '\uFFFD';

const NUL = '\u0000';

/**
 * Largest piece of text handed to the parser at once. fast-csv parses a whole piece into rows before emitting any,
 * so every row of a piece is alive at each young-generation GC: with 64 KB pieces (a file stream's default) GC took
 * about a quarter of a bare parse on Node 22, with 16 KB a tenth, and the parse ran about 20% faster.
 */
export const MAX_TEXT_PIECE = 16 * 1024;

interface ChunkDecoder {
  write(bytes: Uint8Array): string;
  end(): string;
}

const textDecoder = (label: string, fatal: boolean): ChunkDecoder => {
  // fatal: invalid bytes throw, so `auto` can look again at the file; the BOM is stripped by default.
  const decoder = new TextDecoder(label, { fatal });
  return { write: (bytes) => decoder.decode(bytes, { stream: true }), end: () => decoder.decode() };
};

/** One byte is one character in Windows-1252, so each chunk decodes on its own; bytes it leaves undefined throw. */
const windows1252Decoder = (): ChunkDecoder => ({
  write: (bytes) => decodeWindows1252(bytes, { mode: 'fatal' }),
  end: () => '',
});

const undecodable = (encoding: TextEncoding, byteOffset: number): ReadError => {
  if (encoding === 'utf-8' || encoding === 'utf-8-replacing')
    return new ReadError('not_utf8', `The file is not valid UTF-8 text near byte ${byteOffset}.`, byteOffset);
  const what =
    encoding === 'windows-1252'
      ? 'bytes that are neither UTF-8 nor Windows-1252 text'
      : 'a UTF-16 byte-order mark but bytes that are not UTF-16 text';
  return new ReadError(
    'undecodable',
    `The file holds ${what}, near byte ${byteOffset}: save it as UTF-8.`,
    byteOffset,
  );
};

/**
 * A stream that turns bytes into text in the given encoding, refusing binary content (NUL bytes) and bytes the
 * encoding cannot represent.
 */
export const createDecoder = (encoding: TextEncoding): Transform => {
  const decoder =
    encoding === 'windows-1252'
      ? windows1252Decoder()
      : encoding === 'utf-8-replacing'
        ? textDecoder('utf-8', false)
        : textDecoder(encoding, true);
  let byteOffset = 0;
  const decode = (run: () => string): string => {
    let text: string;
    try {
      text = run();
    } catch {
      throw undecodable(encoding, byteOffset);
    }
    if (text.includes(NUL))
      throw new ReadError(
        'binary',
        'The file holds binary data (NUL bytes), not delimited text. A file saved as "Unicode text" (UTF-16) without a byte-order mark looks like this too: save it as UTF-8.',
        byteOffset,
      );
    return text;
  };
  return new Transform({
    readableObjectMode: true,
    transform(chunk: Uint8Array, _encoding, done) {
      try {
        const text = decode(() => decoder.write(chunk));
        byteOffset += chunk.byteLength;
        for (let start = 0; start < text.length; start += MAX_TEXT_PIECE)
          this.push(text.slice(start, start + MAX_TEXT_PIECE));
        done();
      } catch (error) {
        done(error as Error);
      }
    },
    flush(done) {
      try {
        const text = decode(() => decoder.end());
        done(null, text.length > 0 ? text : undefined);
      } catch (error) {
        done(error as Error);
      }
    },
  });
};
