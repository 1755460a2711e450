import type { ByteSource } from '../reading/index.js';

/** Where a conditional write stands: ours, or someone else's already (present, or changed since it was read). */
export type PutOutcome = 'written' | 'exists';

/** The bucket as the pipeline needs it; S3 in AWS, an emulator locally, a map in tests. */
export interface ObjectStore {
  /** Opens one version of an object as a stream, afresh at each call. */
  open(key: string, versionId?: string): ByteSource;
  getText(key: string): Promise<string | undefined>;
  /** The current text with its entity tag, for a later write that must find it unchanged (`ifMatch`). */
  getTagged(key: string): Promise<{ text: string; tag: string } | undefined>;
  /** The user metadata of one version of an object (`x-amz-meta-*`, keys in lower case); empty when it has none. */
  metadata(key: string, versionId?: string): Promise<Record<string, string>>;
  /** The size in bytes of one version of an object (a head, nothing read); undefined when it is gone. */
  size(key: string, versionId?: string): Promise<number | undefined>;
  /** Whether an object has this key (its current version), without reading it. */
  exists(key: string): Promise<boolean>;
  /**
   * Writes an object; with `ifAbsent` only when no object has that key (`If-None-Match: *`), with `ifMatch` only
   * when its current version still has that tag (`If-Match`): otherwise `exists`, and nothing is written.
   */
  putText(
    key: string,
    body: string,
    options?: { ifAbsent?: boolean; ifMatch?: string; contentType?: string },
  ): Promise<PutOutcome>;
  /** Keys under a prefix, in key order. */
  list(prefix: string): Promise<string[]>;
  /**
   * Copies one version of an object to another key of the same bucket, with its user metadata, or with `metadata`
   * instead when given.
   */
  copy(fromKey: string, toKey: string, versionId?: string, metadata?: Record<string, string>): Promise<void>;
  /** Deletes one version for good (or the current one when no version is given). */
  delete(key: string, versionId?: string): Promise<void>;
}
