import { Transform } from 'node:stream';
import { decode as decodeWindows1252 } from 'windows-1252';
import { describeEncoding } from './encodingNames.js';
import { ReadError } from './ReadError.js';
import { BYTE_ORDER_MARK_BYTES, byteOrderMarkEncodingOf } from './sniffEncoding.js';

/**
 * How a file's bytes are read: the WHATWG name of an encoding a `TextDecoder` knows (`utf-8`, `windows-1252`,
 * `shift_jis`, `euc-kr`, `gb18030`, `iso-8859-2`, …; `encodingNameOf` turns a label into it), or `utf-8-replacing`:
 * UTF-8 with each invalid byte as U+FFFD, for files that are UTF-8 but for a few damaged bytes (their rows are
 * rejected). A byte-order mark beats the name: UTF-16's or UTF-8's, which the decoder finds itself.
 */
export type TextEncoding = string;

/** The encoding under which a UTF-8 file's bad bytes become U+FFFD instead of refusing the file. */
export const UTF8_REPLACING = 'utf-8-replacing';

/** The replacement character: what a byte that is not UTF-8 becomes under `utf-8-replacing`. */
export const REPLACEMENT_CHARACTER = '\uFFFD';

const NUL = '\u0000';
const NO_BYTES = new Uint8Array(0);

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

// Windows-1252 keeps its own decoder: WHATWG's maps the five bytes Windows-1252 leaves undefined to C1 controls
// and never fails, so a file in another encoding would be read as mojibake without a word.
const chunkDecoderOf = (encoding: TextEncoding): ChunkDecoder =>
  encoding === 'windows-1252'
    ? windows1252Decoder()
    : encoding === UTF8_REPLACING
      ? textDecoder('utf-8', false)
      : textDecoder(encoding, true);

const undecodable = (encoding: TextEncoding, byteOffset: number, bomFound: boolean): ReadError => {
  if (encoding === 'utf-8' || encoding === UTF8_REPLACING)
    return new ReadError(
      'not_utf8',
      `The file is not valid UTF-8 text near byte ${byteOffset}.`,
      byteOffset,
      encoding,
    );
  const message =
    encoding === 'windows-1252'
      ? `The file holds bytes that are neither UTF-8 nor Windows-1252 text, near byte ${byteOffset}.`
      : bomFound
        ? `The file holds a ${describeEncoding(encoding)} byte-order mark but bytes that are not ${describeEncoding(encoding)} text, near byte ${byteOffset}: save it as UTF-8.`
        : `The file is not valid ${describeEncoding(encoding)} text near byte ${byteOffset}.`;
  return new ReadError('undecodable', message, byteOffset, encoding);
};

/**
 * A stream that turns bytes into text, refusing binary content (NUL bytes) and bytes the encoding cannot represent;
 * every encoding decodes chunk by chunk (`stream: true`), so memory stays bounded whatever the file's size.
 * The encoding is the one asked for, unless the bytes start with a byte-order mark (UTF-16's, or UTF-8's under
 * another encoding, as WHATWG's decode does): the decoder looks at the first bytes it is given (no one opens the
 * file for them), reads the file in the mark's encoding then, and tells `found` which encoding it reads in before it
 * hands on any text. The ReadError it throws names that encoding too.
 */
export const createDecoder = (
  requested: TextEncoding,
  found: (encoding: TextEncoding) => void = () => {},
): Transform => {
  let encoding = requested;
  // Undefined until the first bytes are in: a first chunk of one byte (a stream may give one) waits for the next.
  let decoder: ChunkDecoder | undefined;
  let head: Uint8Array = NO_BYTES;
  let bomFound = false;
  /** The bytes to decode now: none until the start is known, then the start with the chunk that completed it. */
  const started = (chunk: Uint8Array, last: boolean): Uint8Array | undefined => {
    if (decoder) return chunk;
    head = head.length === 0 ? chunk : Buffer.concat([head, chunk]);
    if (head.length < BYTE_ORDER_MARK_BYTES && !last) return undefined;
    const marked = byteOrderMarkEncodingOf(head);
    // A UTF-8 mark changes nothing for UTF-8 with bad bytes replaced: the file was already found to be UTF-8.
    bomFound = marked !== undefined && !(marked === 'utf-8' && requested === UTF8_REPLACING);
    encoding = bomFound ? marked! : requested;
    decoder = chunkDecoderOf(encoding);
    found(encoding);
    const start = head;
    head = NO_BYTES;
    return start;
  };
  let byteOffset = 0;
  const decode = (run: () => string): string => {
    let text: string;
    try {
      text = run();
    } catch {
      throw undecodable(encoding, byteOffset, bomFound);
    }
    if (text.includes(NUL))
      throw new ReadError(
        'binary',
        'The file holds binary data (NUL bytes), not delimited text. A file saved as "Unicode text" (UTF-16) without a byte-order mark looks like this too: save it as UTF-8.',
        byteOffset,
        encoding,
      );
    return text;
  };
  return new Transform({
    readableObjectMode: true,
    transform(chunk: Uint8Array, _encoding, done) {
      try {
        const bytes = started(chunk, false);
        if (bytes === undefined) return done();
        const text = decode(() => decoder!.write(bytes));
        byteOffset += bytes.byteLength;
        for (let start = 0; start < text.length; start += MAX_TEXT_PIECE)
          this.push(text.slice(start, start + MAX_TEXT_PIECE));
        done();
      } catch (error) {
        done(error as Error);
      }
    },
    flush(done) {
      try {
        const rest = started(NO_BYTES, true);
        const text = decode(() => (rest && rest.byteLength > 0 ? decoder!.write(rest) : '') + decoder!.end());
        done(null, text.length > 0 ? text : undefined);
      } catch (error) {
        done(error as Error);
      }
    },
  });
};
