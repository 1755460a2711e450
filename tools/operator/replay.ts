import { CopyObjectCommand } from '@aws-sdk/client-s3';
import { keys, REPLAY_METADATA, RunManifestSchema, readRecord } from '../../lambdas/pipeline/index.js';
import { fileLocationOf } from './fileLocation.js';
import { type Operator, OperatorError } from './Platform.js';

export interface Replayed {
  tenantId: string;
  replayOf: string;
  full: boolean;
  /** The new object version under inbox/: its S3 event starts the new run. */
  key: string;
  versionId?: string;
}

/**
 * `customer-sync replay <tenant> <runId> [--full]`: the run's archived file copied back to `inbox/<tenant>/` under
 * its own name (the archive's `<run>_` prefix would fail the tenant's file-name pattern). The copy is a new object
 * version, so its event is a new run rather than a duplicate of the old one; the metadata says which run it
 * replays and, with --full, that every valid customer is to be sent whatever the last sync holds. Each call is a
 * new replay by design: running it twice replays twice (JOOR upserts, so a second one changes nothing there).
 */
export const replayRun = async (
  operator: Operator,
  tenantId: string,
  runId: string,
  full: boolean,
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
  const key = `${keys.inbox(tenantId)}${manifest.file.name}`;
  const copied = await operator.s3.send(
    new CopyObjectCommand({
      Bucket: platform.bucket,
      Key: key,
      CopySource: `${platform.bucket}/${location.key.split('/').map(encodeURIComponent).join('/')}`,
      MetadataDirective: 'REPLACE',
      Metadata: { [REPLAY_METADATA.of]: runId, ...(full ? { [REPLAY_METADATA.full]: 'true' } : {}) },
    }),
  );
  await operator.announce(key, copied.VersionId);
  return {
    tenantId,
    replayOf: runId,
    full,
    key,
    ...(copied.VersionId ? { versionId: copied.VersionId } : {}),
  };
};
