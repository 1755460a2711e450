import type { FileRefusal } from '../core/index.js';

/** An upload whose SFTP session dropped mid-file (Transfer Family's workflow moved it to `partial/`). */
export const partialUploadRefusal = (name: string): FileRefusal => ({
  code: 'partial_upload',
  message: `The upload of "${name}" was cut off before it completed (the SFTP session dropped): it was not processed. Send the file again.`,
});

/** A file whose name does not match the tenant's pattern (SPEC §2.1). */
export const fileNameRefusal = (name: string, pattern: string): FileRefusal => ({
  code: 'file_name',
  message: `The file name "${name}" does not match this integration's pattern ${pattern}: it was not processed.`,
});

/** Why a file is refused before it is read: a cut-off upload, or a name the tenant does not take. */
export const upfrontRefusalOf = (
  name: string,
  fileNamePattern: string,
  partial: boolean,
): FileRefusal | undefined => {
  if (partial) return partialUploadRefusal(name);
  return new RegExp(fileNamePattern, 'i').test(name) ? undefined : fileNameRefusal(name, fileNamePattern);
};
