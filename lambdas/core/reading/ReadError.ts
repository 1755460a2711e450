import type { TextEncoding } from './createDecoder.js';

/** Why the bytes of a file could not be read as text at all. */
export class ReadError extends Error {
  constructor(
    readonly code: 'not_utf8' | 'undecodable' | 'binary',
    message: string,
    readonly byteOffset: number,
    /** The encoding the bytes were read in: the one asked for, or UTF-16 found by its byte-order mark. */
    readonly encoding: TextEncoding,
  ) {
    super(message);
    this.name = 'ReadError';
  }
}
