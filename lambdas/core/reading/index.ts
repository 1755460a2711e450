/** The public face of core/reading/: what other folders use of it. */

export { MAX_TEXT_PIECE, type TextEncoding } from './createDecoder.js';
export { ReadError } from './ReadError.js';
export { type ByteSource, readRecords } from './readRecords.js';
