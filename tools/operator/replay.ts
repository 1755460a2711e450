import { CopyObjectCommand } from '@aws-sdk/client-s3';
import { keys, REPLAY_METADATA, RunManifestSchema, readRecord } from '../../lambdas/pipeline/index.js';
import { fileLocationOf } from './fileLocation.js';
import { type Operator, OperatorError } from './Platform.js';
import { lockHolderOf, newerSyncedRun, type RunSummary, summarizeRun } from './runs.js';

export interface Replayed {
  tenantId: string;
  replayOf: string;
  full: boolean;
  /** The new object version under inbox/: its S3 event starts the new run. */
  key: string;
  versionId?: string;
  /**
   * `shown`: --full without --yes, nothing done (a full replay sends every valid customer again); `replayed`: the
   * file is in inbox/.
   */
  action: 'shown' | 'replayed';
  /** With --allow-older: the newer run that had synced, whose data this replay sends older data over. */
  over?: { runId: string; file: string; receivedAt: string };
}

export interface ReplayOptions {
  full: boolean;
  /** Replay a file older than the tenant's newest synced one all the same. */
  allowOlder: boolean;
  /** A full replay acts only with --yes. */
  yes: boolean;
}

const describe = (run: RunSummary): string => `run ${run.runId} (${run.file}, received ${run.receivedAt})`;

/**
 * `customer-sync replay <tenant> <runId> [--full [--yes]] [--allow-older]`: the run's archived file copied back to
 * `inbox/<tenant>/` under its own name (the archive's `<run>_` prefix would fail the tenant's file-name pattern).
 * The copy is a new object version, so its event is a new run rather than a duplicate of the old one; the metadata
 * says which run it replays and, with --full, that every valid customer is to be sent whatever the last sync holds.
 *
 * A replay never rolls the brand back unasked: a file older than one that has synced since is refused, naming the
 * newer (whose replay is the remedy), unless --allow-older, and then the report says so. Each call is a new replay
 * by design: running it twice replays twice (JOOR upserts, so a second one changes nothing there).
 */
export const replayRun = async (
  operator: Operator,
  tenantId: string,
  runId: string,
  options: ReplayOptions,
): Promise<Replayed> => {
  const { store, platform } = operator;
  const manifest = await readRecord(store, keys.manifest(tenantId, runId), RunManifestSchema);
  if (!manifest) throw new OperatorError(`No run ${runId} of tenant ${tenantId} with a file to replay`);
  const location = await fileLocationOf(store, manifest);
  if (!location?.archived)
    throw new OperatorError(
      location
        ? `Run ${runId} is not finished: its file is still at ${location.key}`
        : `The file of run ${runId} is no longer archived (the bucket's lifecycle removed it): send it again over SFTP`,
    );
  const run = await summarizeRun(operator, tenantId, runId, await lockHolderOf(operator, tenantId));
  const newer = await newerSyncedRun(operator, tenantId, run);
  if (newer && !options.allowOlder)
    throw new OperatorError(
      `Not replayed: ${describe(run)} is older than ${describe(newer)}, which synced; replaying it would send older data over newer in JOOR. Replay the newest file instead (customer-sync replay ${tenantId} ${newer.runId}), or add --allow-older to send this older file all the same.`,
    );
  const key = `${keys.inbox(tenantId)}${manifest.file.name}`;
  const over = newer ? { runId: newer.runId, file: newer.file, receivedAt: newer.receivedAt } : undefined;
  const facts = { tenantId, replayOf: runId, full: options.full, key, ...(over ? { over } : {}) };
  if (options.full && !options.yes) return { ...facts, action: 'shown' };
  const copied = await operator.s3.send(
    new CopyObjectCommand({
      Bucket: platform.bucket,
      Key: key,
      CopySource: `${platform.bucket}/${location.key.split('/').map(encodeURIComponent).join('/')}`,
      MetadataDirective: 'REPLACE',
      Metadata: {
        [REPLAY_METADATA.of]: runId,
        ...(options.full ? { [REPLAY_METADATA.full]: 'true' } : {}),
        ...(newer ? { [REPLAY_METADATA.over]: newer.runId } : {}),
      },
    }),
  );
  await operator.announce(key, copied.VersionId);
  return { ...facts, action: 'replayed', ...(copied.VersionId ? { versionId: copied.VersionId } : {}) };
};
