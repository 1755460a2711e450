import type { ObjectStore } from '../core/ports/index.js';
import { keys } from './keys.js';
import { mapLimited } from './mapLimited.js';
import type { FileRef, RunManifest } from './runTypes.js';

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

/** Archives a run's file (under rejected/ when held back, processed/ otherwise) and the files it superseded. */
export const archiveRunFiles = async (
  store: ObjectStore,
  manifest: RunManifest,
  held: boolean,
): Promise<void> => {
  const { tenantId, runId, file } = manifest;
  await archive(
    store,
    file,
    held ? keys.rejected(tenantId, runId, file.name) : keys.processed(tenantId, runId, file.name),
  );
  // A tenant may have thousands: moved a few dozen at a time.
  await mapLimited(manifest.superseded, (superseded) =>
    archive(store, superseded, keys.processed(tenantId, runId, `superseded_${superseded.name}`)),
  );
};
