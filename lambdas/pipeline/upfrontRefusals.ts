import type { FileRefusal } from '../core/index.js';
import { formatCount } from '../core/index.js';
import { DRY_RUN_FOLDER } from './keys.js';
import type { TenantBounds } from './tenantBounds.js';

/** An upload whose SFTP session dropped mid-file (Transfer Family's workflow moved it to `partial/`). */
export const partialUploadRefusal = (name: string): FileRefusal => ({
  code: 'partial_upload',
  message: `The upload of "${name}" was cut off before it completed (the SFTP session dropped): it was not processed. Send the file again.`,
});

/**
 * A file put in a folder of the SFTP home the platform does not read: it is not synced, since the ERP may have put it
 * aside on purpose, or meant a dry run and mistyped the folder.
 */
export const unreadFolderRefusal = (name: string, folder: string): FileRefusal => ({
  code: 'unread_folder',
  message: `The file "${name}" was put in the folder "${folder}", which this integration does not read: it was not processed. Put it in the SFTP home itself to sync it, or in ${DRY_RUN_FOLDER} for a dry run.`,
});

/** A file whose name does not match the tenant's pattern (SPEC §2.1). */
export const fileNameRefusal = (name: string, pattern: string): FileRefusal => ({
  code: 'file_name',
  message: `The file name "${name}" does not match this integration's pattern ${pattern}: it was not processed.`,
});

/** How much of an over-long name the report quotes: enough to recognise the file. */
const QUOTED_NAME_CHARS = 80;

/** A name longer than the platform's bound: its archive key would pass S3's 1,024 bytes (SPEC §2.10). */
export const fileNameTooLongRefusal = (name: string, bytes: number, bound: number): FileRefusal => ({
  code: 'file_name_too_long',
  message: `The file name "${name.slice(0, QUOTED_NAME_CHARS)}…" is ${formatCount(bytes)} bytes long, more than the ${formatCount(bound)} this platform takes: it was not processed. Give the file a shorter name and send it again.`,
});

/** A file larger than the platform's bound, refused before it is read (SPEC §2.10). */
export const fileTooLargeRefusal = (name: string, bytes: number, bound: number): FileRefusal => ({
  code: 'file_too_large',
  message: `The file "${name}" is ${formatCount(bytes)} bytes, more than the ${formatCount(bound)} this platform takes: it was not read. Check the ERP's export (a full customer list is far smaller), or ask your operator to raise the bound.`,
});

/** What the splitter knows of a file before reading it. */
export interface UpfrontFacts {
  name: string;
  fileNamePattern: string;
  partial: boolean;
  /** The folder of the SFTP home it was put in, when that is one the platform does not read. */
  folder?: string;
  /** From the S3 event (or a head of the object); unknown for a resumed run, checked when it first arrived. */
  bytes: number | undefined;
}

/**
 * Why a file is refused before it is read: a cut-off upload, a folder the platform does not read, a name over the
 * bound or one the tenant does not take, a size over the bound. The name's length is checked before the pattern,
 * which a long name would only fail for a less useful reason.
 */
export const upfrontRefusalOf = (facts: UpfrontFacts, bounds: TenantBounds): FileRefusal | undefined => {
  const { name } = facts;
  if (facts.partial) return partialUploadRefusal(name);
  if (facts.folder) return unreadFolderRefusal(name, facts.folder);
  const nameBytes = Buffer.byteLength(name, 'utf8');
  if (nameBytes > bounds.maxFileNameBytes)
    return fileNameTooLongRefusal(name, nameBytes, bounds.maxFileNameBytes);
  if (!new RegExp(facts.fileNamePattern, 'i').test(name)) return fileNameRefusal(name, facts.fileNamePattern);
  if (facts.bytes !== undefined && facts.bytes > bounds.maxFileBytes)
    return fileTooLargeRefusal(name, facts.bytes, bounds.maxFileBytes);
  return undefined;
};
