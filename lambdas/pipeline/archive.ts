import type { ObjectStore } from '../core/ports/index.js';
import type { FileRef } from './runTypes.js';

/**
 * Moves one version of a file to its archive key: copy, then delete that version. Repeatable: once the copy exists,
 * a source already gone means an earlier attempt finished the move (S3 would answer NoSuchKey to a second copy).
 */
export const archive = async (store: ObjectStore, file: FileRef, to: string): Promise<void> => {
  if (!(await store.exists(to))) {
    await store.copy(file.key, to, file.versionId);
  }
  await store.delete(file.key, file.versionId);
};
