import type { TenantConfig } from '../config/index.js';
import {
  type ByteSource,
  encodingOfInvalidUtf8,
  ReadError,
  type TextEncoding,
  tallyUtf8,
} from '../reading/index.js';
import type { FileRefusal } from '../types.js';
import { indexReferenceData } from '../validating/index.js';
import { scanFile } from './scanFile.js';
import type { FileValidation, ValidateFileOptions } from './types.js';

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
 * Reads, maps, validates and groups a whole file without calling anything remote. A file that starts with a UTF-16
 * byte-order mark is read as UTF-16 (the decoder sees the mark with the first bytes it reads). Under encoding `auto` a file that is not valid UTF-8 is looked at again: with
 * any well-formed multi-byte UTF-8 sequence, it is read as UTF-8 and the rows holding bad bytes are rejected (reading
 * it all as Windows-1252 would garble every correct accent: issues #11, #22); with none, as Windows-1252. Never throws
 * for bad content: problems come back as values.
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
      if (error.kind === 'not_utf8' && tenant.encoding === 'auto' && encoding === 'utf-8') {
        encoding = encodingOfInvalidUtf8(await tallyUtf8(source));
        continue;
      }
      return refusedUnread(file, error.encoding, {
        code: error.kind === 'binary' ? 'binary' : 'undecodable',
        message: error.message,
      });
    }
  }
};
