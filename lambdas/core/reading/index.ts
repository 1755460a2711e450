/** The public face of core/reading/: what other folders use of it. */

export {
  MAX_TEXT_PIECE,
  REPLACEMENT_CHARACTER,
  type TextEncoding,
  UTF8_REPLACING,
} from './createDecoder.js';
export { encodingAdvice } from './encodingAdvice.js';
export { describeEncoding, encodingNameOf } from './encodingNames.js';
export { readSample } from './guessLegacyEncoding.js';
export { ReadError } from './ReadError.js';
export { MAX_RECORD_CHARS, type RecordFlaw, type UnclosedQuote } from './RecordScanner.js';
export { type ByteSource, readRecords } from './readRecords.js';
export {
  encodingOfInvalidUtf8,
  legacyEncodingOfInvalidUtf8,
  tallyUtf8,
  utf16ByteOrderOf,
} from './sniffEncoding.js';
