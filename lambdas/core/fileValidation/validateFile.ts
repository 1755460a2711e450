import type { TenantConfig } from '../config/index.js';
import {
  type ByteSource,
  describeEncoding,
  encodingAdvice,
  encodingOfInvalidUtf8,
  legacyEncodingOfInvalidUtf8,
  ReadError,
  readSample,
  type TextEncoding,
  tallyUtf8,
} from '../reading/index.js';
import type { FileRefusal } from '../types.js';
import { indexReferenceData } from '../validating/index.js';
import { scanFile } from './scanFile.js';
import type { FileValidation, ValidateFileOptions } from './types.js';

/** When no other encoding reads the file either: the setting to look at, before the file. */
const GENERAL_ADVICE =
  'Set the tenant config\'s "encoding" to the one the ERP exports in (auto reads UTF-8, UTF-16 and Windows-1252; a label such as iso-8859-2, windows-1250, shift_jis or gb18030 names another), or export the file as UTF-8.';

/**
 * A file `auto` does not read (it reads UTF-8, UTF-16 and Windows-1252) that reads as a legacy CJK encoding: refused
 * with the setting to make, rather than read as UTF-8 with every row rejected for bad bytes, or as Windows-1252
 * mojibake.
 */
const legacyRefusal = (legacy: string): FileRefusal => ({
  code: 'undecodable',
  message: `The file is not UTF-8: it looks like ${describeEncoding(legacy)} text. Set "encoding": "${legacy}" in the tenant config (auto reads UTF-8, UTF-16 and Windows-1252 only).`,
});

const noHashes = (): ReadonlyMap<string, string> => new Map();

const refusedUnread = (file: string, encoding: TextEncoding, refusal: FileRefusal): FileValidation => ({
  file,
  bytes: 0,
  encoding,
  hasHeader: false,
  ignoredColumns: [],
  counts: { rows: 0, customers: 0, validCustomers: 0, rejectedRows: 0 },
  rejected: [],
  refusal,
  contentHashes: noHashes,
});

/**
 * Reads, maps, validates and groups a whole file without calling anything remote. A file that starts with a
 * byte-order mark is read in its encoding (the decoder sees the mark with the first bytes it reads). Under encoding
 * `auto` a file that is not valid UTF-8 is looked at again: when its start reads as a legacy CJK encoding (Shift_JIS,
 * EUC-JP, GB18030, Big5, EUC-KR) it is refused naming the setting to make; else, with any well-formed multi-byte UTF-8
 * sequence, it is read as UTF-8 and the rows holding bad bytes are rejected (reading it all as Windows-1252 would
 * garble every correct accent: issues #11, #22); with none, as Windows-1252. A file that does not decode in the
 * tenant's encoding is refused with the encoding it reads in, when one does. Never throws for bad content: problems
 * come back as values.
 *
 * @example
 * const result = await validateFile('customer_20261127.psv', () => createReadStream(path), tenant);
 * if (result.refusal) console.error(result.refusal.message);
 */
export const validateFile = async (
  file: string,
  source: ByteSource,
  tenant: TenantConfig,
  options: ValidateFileOptions = {},
): Promise<FileValidation> => {
  const reference = indexReferenceData(tenant.referenceData, tenant);
  let encoding: TextEncoding = tenant.encoding === 'auto' ? 'utf-8' : tenant.encoding;
  for (;;) {
    try {
      const scan = await scanFile(source, tenant, encoding, reference, options);
      const valid = scan.refusal ? undefined : scan.grouping;
      return {
        file,
        bytes: scan.bytes,
        encoding: scan.encoding,
        hasHeader: scan.hasHeader,
        ignoredColumns: scan.ignoredColumns,
        counts: {
          rows: scan.rows,
          customers: scan.grouping?.customers ?? 0,
          validCustomers: valid?.validCustomers ?? 0,
          rejectedRows: scan.grouping?.rejectedRows ?? 0,
        },
        rejected: scan.grouping?.rejected ?? [],
        ...(scan.refusal ? { refusal: scan.refusal } : {}),
        contentHashes: valid ? valid.contentHashes : noHashes,
        ...(scan.unknownValues.length > 0 ? { unknownValues: scan.unknownValues } : {}),
      };
    } catch (error) {
      if (!(error instanceof ReadError)) throw error;
      if (error.kind === 'binary')
        return refusedUnread(file, error.encoding, { code: 'binary', message: error.message });
      const sample = await readSample(source);
      if (error.kind === 'not_utf8' && tenant.encoding === 'auto' && encoding === 'utf-8') {
        const tally = await tallyUtf8(source);
        const legacy = legacyEncodingOfInvalidUtf8(tally, sample.bytes, sample.whole);
        if (legacy !== undefined) return refusedUnread(file, error.encoding, legacyRefusal(legacy));
        encoding = encodingOfInvalidUtf8(tally);
        continue;
      }
      const advice = encodingAdvice(sample.bytes, sample.whole, error.encoding) ?? GENERAL_ADVICE;
      return refusedUnread(file, error.encoding, {
        code: 'undecodable',
        message: `${error.message} ${advice}`,
      });
    }
  }
};
