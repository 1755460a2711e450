import { guessLegacyEncoding } from './guessLegacyEncoding.js';
import type { ByteSource } from './readRecords.js';

/** UTF-16's byte-order marks: a file that starts with one is UTF-16 whatever the tenant's setting says. */
const UTF16_LE_BOM = [0xff, 0xfe];
const UTF16_BE_BOM = [0xfe, 0xff];
const UTF8_BOM = [0xef, 0xbb, 0xbf];
/** How many bytes of a file's start tell whether it starts with a byte-order mark. */
export const BYTE_ORDER_MARK_BYTES = 3;

/**
 * The UTF-16 byte order a file declares with its BOM, from its first bytes, if it starts with one (spreadsheets'
 * "Unicode text"). The decoder asks it of every reading (createDecoder.ts); `init` of the head it has read.
 */
export const utf16ByteOrderOf = (head: Uint8Array): 'utf-16le' | 'utf-16be' | undefined => {
  if (head[0] === UTF16_LE_BOM[0] && head[1] === UTF16_LE_BOM[1]) return 'utf-16le';
  if (head[0] === UTF16_BE_BOM[0] && head[1] === UTF16_BE_BOM[1]) return 'utf-16be';
  return undefined;
};

/**
 * The encoding a file's byte-order mark declares, UTF-8's included: a file that starts with one is read in it
 * whatever the tenant's label says (a shift_jis tenant whose ERP starts writing UTF-8 with a BOM is read right).
 */
export const byteOrderMarkEncodingOf = (head: Uint8Array): 'utf-8' | 'utf-16le' | 'utf-16be' | undefined =>
  UTF8_BOM.every((byte, k) => head[k] === byte) ? 'utf-8' : utf16ByteOrderOf(head);

/** Multi-byte UTF-8 sequences that are well formed, and bytes that belong to none. */
export interface Utf8Tally {
  sequences: number;
  invalidBytes: number;
}

/** Length of the UTF-8 sequence a lead byte starts, or 0 when it cannot start one (RFC 3629). */
const sequenceLength = (byte: number): number =>
  byte >= 0xc2 && byte <= 0xdf ? 2 : byte >= 0xe0 && byte <= 0xef ? 3 : byte >= 0xf0 && byte <= 0xf4 ? 4 : 0;

const isContinuation = (byte: number): boolean => (byte & 0xc0) === 0x80;

/**
 * Counts well-formed multi-byte UTF-8 sequences and stray bytes in one pass over the bytes. A Windows-1252 file
 * has accented letters as single bytes followed by ASCII, which are all stray; a UTF-8 file with a few damaged
 * bytes has many sequences and a few strays. (Overlong and surrogate forms are rare enough to count as sequences.)
 */
export const tallyUtf8 = async (source: ByteSource): Promise<Utf8Tally> => {
  const tally = createUtf8Tally();
  for await (const chunk of source() as AsyncIterable<Uint8Array>) tally.add(chunk);
  return tally.result();
};

/** The tally of bytes at hand (a file's sample). */
export const tallyUtf8Bytes = (bytes: Uint8Array): Utf8Tally => {
  const tally = createUtf8Tally();
  tally.add(bytes);
  return tally.result();
};

/** A tally fed chunk by chunk: a sequence may be cut between two chunks. */
const createUtf8Tally = () => {
  let sequences = 0;
  let invalidBytes = 0;
  let expected = 0;
  let seen = 0;
  const add = (chunk: Uint8Array): void => {
    for (const byte of chunk) {
      if (expected > 0) {
        if (isContinuation(byte)) {
          seen += 1;
          if (seen === expected) {
            sequences += 1;
            expected = 0;
          }
          continue;
        }
        // A sequence cut short: its bytes are strays, and this byte starts afresh.
        invalidBytes += seen;
        expected = 0;
      }
      if (byte < 0x80) continue;
      const length = sequenceLength(byte);
      if (length === 0) invalidBytes += 1;
      else {
        expected = length;
        seen = 1;
      }
    }
  };
  return {
    add,
    result: (): Utf8Tally => ({ sequences, invalidBytes: invalidBytes + (expected > 0 ? seen : 0) }),
  };
};

/**
 * The encoding of a file that is not valid UTF-8, from its tally. One well-formed multi-byte sequence is evidence
 * of UTF-8 that Windows-1252 text almost never gives (an accented capital followed by a symbol), so such a file is
 * read as UTF-8 and its rows with bad bytes rejected, whatever their proportion: re-reading it as Windows-1252
 * would silently turn every correct accent into mojibake (issue #22: two "É" and two stray "é" used to tie and
 * flip the file). Only a file with no multi-byte sequence at all is read as Windows-1252.
 */
export const encodingOfInvalidUtf8 = (tally: Utf8Tally): 'utf-8-replacing' | 'windows-1252' =>
  tally.sequences > 0 ? 'utf-8-replacing' : 'windows-1252';

/**
 * The legacy CJK encoding of a file that is not valid UTF-8, when its sample reads as one (guessLegacyEncoding.ts),
 * or `undefined`. Asked only when the file's bytes that are not UTF-8 outnumber its well-formed sequences: a UTF-8
 * file with a few damaged bytes stays UTF-8 (its accented letters, read as Shift_JIS or EUC-KR, would make kana and
 * Hangul), while Shift_JIS or GB18030 text forms a UTF-8 sequence only now and then.
 */
export const legacyEncodingOfInvalidUtf8 = (
  tally: Utf8Tally,
  sample: Uint8Array,
  whole: boolean,
): string | undefined =>
  tally.invalidBytes > tally.sequences ? guessLegacyEncoding(sample, whole) : undefined;
