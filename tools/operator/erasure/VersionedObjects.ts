/** One stored version of an object (a folder keeps one version per file, with no id). */
export interface ObjectVersion {
  key: string;
  versionId?: string;
  isLatest: boolean;
  /** The entity tag, for a conditional rewrite of the latest version. */
  etag?: string;
}

/**
 * Where `erase` works: the deployed bucket (every version of every object, S3ObjectVersions) or the folder
 * `npm start --state` keeps (one version per file, FolderObjects).
 */
export interface VersionedObjects {
  /** Every version of every object under the prefix, delete markers left out. */
  versions(prefix: string): Promise<ObjectVersion[]>;
  read(version: ObjectVersion): Promise<Buffer>;
  /** Writes a new latest version; with `ifMatch`, only when the latest still has that tag (else `changed`). */
  write(key: string, body: Buffer, contentType: string, ifMatch?: string): Promise<'written' | 'changed'>;
  /** Removes one version for good. */
  remove(version: ObjectVersion): Promise<void>;
  /** Whether removing a version leaves older ones behind to remove too (a bucket's) or not (a folder's). */
  readonly versioned: boolean;
}
