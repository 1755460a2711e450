import type { ObjectStore } from '../core/ports/index.js';
import { updateClaim } from './finalizeClaim.js';
import { keys } from './keys.js';
import { mapLimited } from './mapLimited.js';
import type { FileRef, RunManifest } from './runTypes.js';

/** S3's answers to a copy whose source is gone. */
const SOURCE_GONE = new Set(['NoSuchKey', 'NoSuchVersion']);

/**
 * Moves one version of a file to its archive key: copy, then delete that version. Repeatable: once the copy exists,
 * a source already gone means an earlier attempt finished the move (S3 would answer NoSuchKey to a second copy).
 * A source gone before any copy was removed by someone else (a run closed as "the file could not be read"): there
 * is nothing to move, and the run must still close (it failed every delivery of its finalizer until #24).
 */
export const archive = async (store: ObjectStore, file: FileRef, to: string): Promise<void> => {
  if (!(await store.exists(to))) {
    try {
      await store.copy(file.key, to, file.versionId);
    } catch (error) {
      if (SOURCE_GONE.has((error as Error).name)) return;
      throw error;
    }
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

/**
 * Archives a run's files where the first handler of the run to get here decided (recorded in its claim with a
 * conditional write): a finalizer archives under processed/ and the finalize dead-letter handler under rejected/, and
 * when both work on one run at once, the file must still be archived once. Repeatable: the decision is read back,
 * and archiving to the same keys again is a no-op.
 */
export const archiveRunFilesOnce = async (
  store: ObjectStore,
  manifest: RunManifest,
  held: boolean,
  startedAt: string,
): Promise<void> => {
  const { tenantId, runId } = manifest;
  const wanted = held ? 'rejected' : 'processed';
  const claim = await updateClaim(store, tenantId, runId, (current) =>
    current?.archivedAs ? undefined : { ...(current ?? { startedAt }), archivedAs: wanted },
  );
  await archiveRunFiles(store, manifest, (claim?.archivedAs ?? wanted) === 'rejected');
};
