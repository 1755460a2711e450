import { Transform } from 'node:stream';
import iconv from 'iconv-lite';
import { ReadError } from './ReadError.js';

export type TextEncoding = 'utf-8' | 'windows-1252';

const NUL = '\u0000';
const REPLACEMENT_CHARACTER = '\uFFFD';

interface ChunkDecoder {
  write(bytes: Uint8Array): string;
  end(): string;
}

const utf8Decoder = (): ChunkDecoder => {
  // fatal: invalid bytes throw, so `auto` can fall back to Windows-1252; the BOM is stripped by default.
  const decoder = new TextDecoder('utf-8', { fatal: true });
  return { write: (bytes) => decoder.decode(bytes, { stream: true }), end: () => decoder.decode() };
};

const windows1252Decoder = (): ChunkDecoder => {
  const decoder = iconv.getDecoder('win1252');
  return {
    write: (bytes) => decoder.write(Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength)),
    end: () => decoder.end() ?? '',
  };
};

/**
 * A stream that turns bytes into text in the given encoding, refusing binary content (NUL bytes) and bytes the
 * encoding cannot represent. `onText` sees every decoded piece before it goes on (the reader uses it to notice quotes).
 */
export const createDecoder = (encoding: TextEncoding, onText: (text: string) => void): Transform => {
  const decoder = encoding === 'utf-8' ? utf8Decoder() : windows1252Decoder();
  let byteOffset = 0;
  const check = (text: string): string => {
    if (text.includes(NUL)) {
      throw new ReadError(
        'binary',
        'The file holds binary data (NUL bytes), not delimited text.',
        byteOffset,
      );
    }
    if (encoding === 'windows-1252' && text.includes(REPLACEMENT_CHARACTER)) {
      throw new ReadError(
        'undecodable',
        'The file holds bytes that are neither UTF-8 nor Windows-1252 text.',
        byteOffset,
      );
    }
    onText(text);
    return text;
  };
  const decode = (run: () => string): string => {
    try {
      return check(run());
    } catch (error) {
      if (error instanceof ReadError) throw error;
      throw new ReadError(
        encoding === 'utf-8' ? 'not_utf8' : 'undecodable',
        `The file is not valid ${encoding === 'utf-8' ? 'UTF-8' : 'Windows-1252'} text near byte ${byteOffset}.`,
        byteOffset,
      );
    }
  };
  return new Transform({
    readableObjectMode: true,
    transform(chunk: Uint8Array, _encoding, done) {
      try {
        const text = decode(() => decoder.write(chunk));
        byteOffset += chunk.byteLength;
        done(null, text.length > 0 ? text : undefined);
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
