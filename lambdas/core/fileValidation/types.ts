import type { TextEncoding } from '../reading/index.js';
import type { FileRefusal, RejectedRow } from '../types.js';
import type { UnknownValue } from '../validating/index.js';

export interface FileCounts {
  /** Data rows: lines holding a record, without the header and blank lines. */
  rows: number;
  customers: number;
  validCustomers: number;
  rejectedRows: number;
}

/** Everything validation learnt about one file; `contentHashes` feeds change detection. */
export interface FileValidation {
  file: string;
  bytes: number;
  encoding: TextEncoding;
  hasHeader: boolean;
  ignoredColumns: string[];
  counts: FileCounts;
  rejected: RejectedRow[];
  refusal?: FileRefusal;
  /**
   * Values of code fields the tenant gives a value table or reference list for that neither knows, once each with
   * how many rows carry them (at most 1,000 values); absent when there are none.
   */
  unknownValues?: UnknownValue[];
  /** Valid customer code → content hash (empty when the file is refused), built on the first call. */
  contentHashes(): ReadonlyMap<string, string>;
}

export interface ValidateFileOptions {
  /**
   * Whether to compute each valid customer's content hash for change detection (default true); without them
   * `contentHashes()` throws (a refused file has none: it gives an empty map either way). The `validate` command
   * reports no hashes and saves a digest a row.
   */
  contentHashes?: boolean;
}
