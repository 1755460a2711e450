import { CopyObjectCommand } from '@aws-sdk/client-s3';
import {
  keys,
  loadTenantConfig,
  planFile,
  REPLAY_METADATA,
  type RunManifest,
  RunManifestSchema,
  readRecord,
} from '../../lambdas/pipeline/index.js';
import { fileLocationOf } from './fileLocation.js';
import { type Operator, OperatorError } from './Platform.js';
import { lockHolderOf, type NewerFile, newerFileThan, type RunSummary, summarizeRun } from './runs.js';

/** What a replay would send to JOOR that its run did not: a replay acts on these only with --yes (#35). */
export interface UnsentCustomers {
  /** How many customers the replay would send that the run did not send as they are now. */
  count: number;
  /** Their codes, in the file's order (the first UNSENT_LISTED in the text output). */
  customerCodes: string[];
}

export interface Replayed {
  tenantId: string;
  replayOf: string;
  full: boolean;
  /** The new object version under inbox/: its S3 event starts the new run. */
  key: string;
  versionId?: string;
  /**
   * `shown`: nothing done, --yes is needed (a full replay, or one that would send customers its run did not: the
   * command exits 1 then); `replayed`: the file is in inbox/ (or, for a dry run, in inbox/<tenant>/dry-run/).
   */
  action: 'shown' | 'replayed';
  /** The run replayed was a dry run: so is its replay, which sends nothing. */
  dryRun?: true;
  /** Customers the replay would send that the run did not (compared with the synced state now), when any. */
  unsent?: UnsentCustomers;
  /** With --allow-older: the newer run that had synced, whose data this replay sends older data over. */
  over?: { runId: string; file: string; receivedAt: string };
}

export interface ReplayOptions {
  full: boolean;
  /** Replay a file older than the tenant's newest synced one all the same. */
  allowOlder: boolean;
  /** Send what the run did not send (and a full replay) only with --yes. */
  yes: boolean;
}

/** Refusals of a file that was never meant to be synced as it is: replaying it would not do what the file was for. */
const NOT_FOR_SYNC: Record<string, string> = {
  unread_folder:
    'its file was put in a folder of the SFTP home the platform does not read, and was refused for that: a replay would sync a file the brand put aside. Ask the brand to put it in the SFTP home itself (or in dry-run/ for a dry run)',
  partial_upload:
    "its file is a cut-off upload (the ERP's SFTP session dropped mid-file): a replay would sync part of a list. Ask the brand to send the file again",
};

const describeRun = (run: RunSummary): string => `run ${run.runId} (${run.file}, received ${run.receivedAt})`;
const describeNewer = (newer: NewerFile): string =>
  newer.runId
    ? `run ${newer.runId} (${newer.file}, received ${newer.receivedAt})`
    : `${newer.file} (received ${newer.receivedAt}), in the inbox and not started yet`;

/**
 * `customer-sync replay <tenant> <runId> [--full] [--yes] [--allow-older]`: the run's archived file copied back to
 * the folder it arrived in (`inbox/<tenant>/`, or `dry-run/` under it for a dry run) under its own name (the
 * archive's `<run>_` prefix would fail the tenant's file-name pattern). The copy is a new object version, so its
 * event is a new run rather than a duplicate of the old one; the metadata says which run it replays, when its file
 * first arrived (the copy takes the file's place in the order: "newest wins" compares files, not copies) and, with
 * --full, that every valid customer is to be sent whatever the last sync holds.
 *
 * A replay does what the file was for: a dry run replays as a dry run; a file refused for its folder, or cut off
 * mid-upload, is not replayed. It never rolls the brand back unasked: a file older than one that synced since, or
 * that is on its way (waiting, started, or still in the inbox), is refused, naming the newer, unless --allow-older.
 * And it sends nothing its run did not send without --yes: it says which customers it would send and does nothing.
 * Each call with --yes is a new replay by design: running it twice replays twice (JOOR upserts, so a second one
 * changes nothing there).
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
  const notForSync = manifest.refusal ? NOT_FOR_SYNC[manifest.refusal.code] : undefined;
  if (notForSync) throw new OperatorError(`Not replayed: run ${runId} is not one to replay: ${notForSync}.`);
  const location = await fileLocationOf(store, manifest);
  if (!location?.archived)
    throw new OperatorError(
      location
        ? `Run ${runId} is not finished: its file is still at ${location.key}`
        : `The file of run ${runId} is no longer archived (the bucket's lifecycle removed it): send it again over SFTP`,
    );
  const dryRun = manifest.dryRun === true;
  const run = await summarizeRun(operator, tenantId, runId, await lockHolderOf(operator, tenantId));
  // A dry run sends nothing: no newer file is rolled back by it.
  const newer = dryRun ? undefined : await newerFileThan(operator, tenantId, run);
  if (newer && !options.allowOlder)
    throw new OperatorError(
      `Not replayed: ${describeRun(run)} is older than ${describeNewer(newer)}, which ${newer.runId ? 'synced or is on its way to' : 'will sync'}; replaying it would send older data over newer in JOOR. ${newer.runId ? `Replay the newest file instead (customer-sync replay ${tenantId} ${newer.runId}), or add` : 'Add'} --allow-older to send this older file all the same.`,
    );
  const key = `${dryRun ? keys.dryRunInbox(tenantId) : keys.inbox(tenantId)}${manifest.file.name}`;
  const over = newer?.runId
    ? { runId: newer.runId, file: newer.file, receivedAt: newer.receivedAt }
    : undefined;
  const facts = {
    tenantId,
    replayOf: runId,
    full: options.full,
    key,
    ...(dryRun ? { dryRun: true as const } : {}),
    ...(over ? { over } : {}),
  };
  if (!options.yes && !dryRun) {
    const unsent = await unsentBy(operator, manifest, location.key, options.full);
    if (options.full || unsent.count > 0)
      return { ...facts, action: 'shown', ...(unsent.count > 0 ? { unsent } : {}) };
  }
  const copied = await operator.s3.send(
    new CopyObjectCommand({
      Bucket: platform.bucket,
      Key: key,
      CopySource: `${platform.bucket}/${location.key.split('/').map(encodeURIComponent).join('/')}`,
      MetadataDirective: 'REPLACE',
      Metadata: {
        [REPLAY_METADATA.of]: runId,
        [REPLAY_METADATA.receivedAt]: manifest.file.receivedAt,
        ...(options.full ? { [REPLAY_METADATA.full]: 'true' } : {}),
        ...(newer?.runId ? { [REPLAY_METADATA.over]: newer.runId } : {}),
      },
    }),
  );
  await operator.announce(key, copied.VersionId);
  return { ...facts, action: 'replayed', ...(copied.VersionId ? { versionId: copied.VersionId } : {}) };
};

/**
 * The customers the replay would send that the run did not send as they are now: the archived file planned as the
 * splitter would plan it (the tenant's config, the synced state of now), less what the run sent with the same
 * content. A refused or quarantined plan sends nothing. Only reads.
 */
const unsentBy = async (
  operator: Operator,
  manifest: RunManifest,
  archivedKey: string,
  full: boolean,
): Promise<UnsentCustomers> => {
  const { tenantId } = manifest;
  const tenant = await loadTenantConfig(operator.store, tenantId).catch((error: unknown) => {
    throw new OperatorError(
      `Cannot tell what a replay of run ${manifest.runId} would send: ${(error as Error).message}. Deploy the tenant stack again first (its config object is written whole), then replay`,
    );
  });
  const plan = await planFile(operator.store, {
    name: manifest.file.name,
    open: () => operator.store.open(archivedKey),
    tenant,
    snapshotKey: keys.snapshot(tenantId, tenant.joor.environment, tenant.joor.accountId),
    sendAll: full,
  });
  if (plan.refusal) return { count: 0, customerCodes: [] };
  const hashes = plan.validation.contentHashes();
  const customerCodes = plan.customers
    .map((customer) => customer.customerCode)
    .filter(
      (code) => manifest.sentHashes[code] === undefined || manifest.sentHashes[code] !== hashes.get(code),
    );
  return { count: customerCodes.length, customerCodes };
};
