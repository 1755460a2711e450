import { CustomerSyncError } from '../CustomerSyncError.js';
import type { TextEncoding } from './createDecoder.js';

/** Why the bytes of a file could not be read as text at all; `kind` says how. */
export class ReadError extends CustomerSyncError {
  override name = 'ReadError';
  readonly code = 'unreadable_file';
  constructor(
    readonly kind: 'not_utf8' | 'undecodable' | 'binary',
    message: string,
    readonly byteOffset: number,
    /** The encoding the bytes were read in: the one asked for, or UTF-16 found by its byte-order mark. */
    readonly encoding: TextEncoding,
  ) {
    super(message);
  }
}
