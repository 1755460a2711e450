import type { ByteSource } from '../reading/index.js';

/** Where a conditional write stands: ours, or someone else's already. */
export type PutOutcome = 'written' | 'exists';

/** The bucket as the pipeline needs it; S3 in AWS, an emulator locally, a map in tests. */
export interface ObjectStore {
  /** Opens one version of an object as a stream, afresh at each call. */
  open(key: string, versionId?: string): ByteSource;
  getText(key: string): Promise<string | undefined>;
  /** Whether an object has this key (its current version), without reading it. */
  exists(key: string): Promise<boolean>;
  /** Writes an object; with `ifAbsent` only when no object has that key (`If-None-Match: *`). */
  putText(
    key: string,
    body: string,
    options?: { ifAbsent?: boolean; contentType?: string },
  ): Promise<PutOutcome>;
  /** Keys under a prefix, in key order. */
  list(prefix: string): Promise<string[]>;
  /** Copies one version of an object to another key of the same bucket. */
  copy(fromKey: string, toKey: string, versionId?: string): Promise<void>;
  /** Deletes one version for good (or the current one when no version is given). */
  delete(key: string, versionId?: string): Promise<void>;
}
