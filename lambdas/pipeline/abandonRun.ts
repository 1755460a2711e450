import type { TenantConfig } from '../core/config/index.js';
import type { FileRefusal } from '../core/index.js';
import type { Mailer, MessageSender, ObjectStore, PutOutcome } from '../core/ports/index.js';
import { UNCONFIRMED_CODE } from '../core/sending/index.js';
import { archiveRunFilesOnce } from './archive.js';
import { readResults } from './batchPosts.js';
import { updateClaim } from './finalizeClaim.js';
import { digestDeps } from './finalizeRun.js';
import { isHandedOn } from './handedOn.js';
import { handOnTenant } from './handOnTenant.js';
import { keys } from './keys.js';
import { TenantConfigMissing } from './loadTenantConfig.js';
import { buildManifest, findManifest, writeManifest } from './manifest.js';
import { readRecord } from './readRecord.js';
import { isDigestRun, sendRefusalDigest } from './refusalDigest.js';
import { requestFinalize } from './requestFinalize.js';
import type { FinalizeClaim, RunManifest } from './runTypes.js';
import { FinalizeClaimSchema, LockRecordSchema } from './schemas.js';
import { sendReportEmail } from './sendReportEmail.js';
import { sendReportOnce } from './sendReportOnce.js';
import type { StartRequest } from './startRun.js';
import { supersededBy } from './waitingList.js';

/** The refusal of a file the pipeline itself could not process, in plain words, with the operator's reference. */
export const notProcessed = (runId: string, what: string): FileRefusal => ({
  code: 'not_processed',
  message: `The file could not be processed: ${what}. Send the file again; if it fails again, give your operator the reference ${runId}.`,
});

/**
 * The inbox dead-letter queue's work: a file whose splitter failed on every delivery (out of memory, a bug) is
 * finalized as "could not be processed", so its report is sent, the file archived under rejected/, the tenant
 * released and its next file started. Safe to repeat: a run already handed on is left to its finalizer, and the
 * finalizer's own claim makes one report of it.
 */
export const abandonStart = async (
  request: StartRequest,
  reason: string,
  deps: { store: ObjectStore; finalizeQueue: MessageSender },
): Promise<'abandoned' | 'handed_on'> => {
  const { store } = deps;
  const { tenantId, runId } = request;
  if (await isHandedOn(store, tenantId, runId)) return 'handed_on';
  // Only a manifest that is absent (or unreadable as one) is replaced; a store that failed fails this delivery.
  // A delivery of the run itself may be at work beside this close (it took the tenant back): the "not processed"
  // manifest goes only where there is none, so that of the two the first manifest decides; one the splitter wrote
  // first is closed batch by batch, and a splitter that finds this one first stops (startRun's claimManifest).
  let written = await findManifest(store, tenantId, runId);
  if (!written && (await writeNotProcessed(store, request, reason)) === 'exists') {
    written = await findManifest(store, tenantId, runId);
    // One that cannot be read as a manifest is replaced whole.
    if (!written) await writeNotProcessed(store, request, reason, { replace: true });
  }
  if (written && written.batches > 0) await closeUnfinishedBatches(store, written, reason);
  await requestFinalize(deps.finalizeQueue, tenantId, runId);
  await store.putText(keys.dispatched(tenantId, runId), JSON.stringify({ runId, abandoned: reason }));
  return 'abandoned';
};

/**
 * The splitter died after its manifest, perhaps while sending batches: which of them went is unknown. Every batch
 * without a result gets one (a conditional write, so a consumer's result already there wins, and a later one is
 * ignored), and the customers no result names are reported failed: they may have reached JOOR, and are sent again
 * with the next file (JOOR upserts, so that is harmless).
 */
const closeUnfinishedBatches = async (
  store: ObjectStore,
  manifest: RunManifest,
  reason: string,
): Promise<void> => {
  const { tenantId, runId } = manifest;
  const recorded = await readResults(store, tenantId, runId);
  const named = new Set(recorded.flatMap((r) => [...r.accepted, ...r.failures.map((f) => f.customerCode)]));
  const unaccounted = Object.keys(manifest.sentHashes).filter((code) => !named.has(code));
  const done = new Set(recorded.map((r) => r.batch));
  const missing = Array.from({ length: manifest.batches }, (_, batch) => batch).filter(
    (batch) => !done.has(batch),
  );
  for (const [k, batch] of missing.entries()) {
    const failures =
      k > 0
        ? []
        : unaccounted.map((customerCode) => ({
            customerCode,
            code: UNCONFIRMED_CODE,
            message: `Not confirmed: the file's processing stopped (${reason}) before this customer's batch was confirmed; it may have reached JOOR, and is sent again with the next file`,
          }));
    await store.putText(
      keys.result(tenantId, runId, batch),
      JSON.stringify({ batch, accepted: [], failures }),
      {
        ifAbsent: true,
        contentType: 'application/json',
      },
    );
  }
};

/** The splitter died before its manifest: the run becomes a refused file, "could not be processed". */
const writeNotProcessed = async (
  store: ObjectStore,
  request: StartRequest,
  reason: string,
  options: { replace?: boolean } = {},
): Promise<PutOutcome> => {
  const { tenantId, runId } = request;
  const lock = await readRecord(store, keys.lock(tenantId), LockRecordSchema);
  const manifest = buildManifest({
    runId,
    tenantId,
    file: request.file,
    supersedes: await supersededBy(store, tenantId, runId, request.supersedes),
    // No snapshot is compared with or moved forward for a refused file: the key is never used.
    snapshotKey: keys.snapshot(tenantId, 'none', undefined),
    locked: lock?.runId === runId,
    refusal: notProcessed(runId, `${reason}; nothing of it was sent to JOOR`),
  });
  return writeManifest(store, manifest, { ifAbsent: options.replace !== true });
};

/**
 * The finalize dead-letter queue's work: a run whose finalizer failed on every delivery is closed without it. The
 * tenant is released and its next file started, a short report saying the run could not be processed is stored and
 * emailed where possible, and the claim records why. Safe to repeat: a claim marked done is left alone.
 */
export const abandonFinalize = async (
  tenantId: string,
  runId: string,
  reason: string,
  deps: {
    store: ObjectStore;
    inboxQueue: MessageSender;
    mailer: Mailer;
    loadTenant: (tenantId: string) => Promise<TenantConfig>;
    now: () => Date;
  },
): Promise<'abandoned' | 'already_done'> => {
  const { store } = deps;
  // A digest of refused files that failed at every delivery is tried once more, not waiting for its interval: its
  // files have no other report.
  if (isDigestRun(runId)) {
    await sendRefusalDigest(tenantId, runId, digestDeps({ ...deps, finalizeLeaseMs: 0 }), true);
    return 'abandoned';
  }
  const claim: FinalizeClaim = (await readRecord(
    store,
    keys.finalizeClaim(tenantId, runId),
    FinalizeClaimSchema,
  )) ?? {
    startedAt: deps.now().toISOString(),
  };
  if (claim.done) return 'already_done';
  const manifest = await findManifest(store, tenantId, runId);
  if (manifest) await archiveRunFilesOnce(store, manifest, true, claim.startedAt);
  if (!claim.nextStarted) await handOnTenant(store, deps.inboxQueue, tenantId, runId, deps.now);
  // A tenant without a valid config still gets its report stored; a store that failed fails this delivery.
  const tenant = await deps.loadTenant(tenantId).catch((error: unknown) => {
    if (error instanceof TenantConfigMissing) return undefined;
    throw error;
  });
  // The words say what is known: a file already closed as not processed keeps its cause; one that sent nothing says
  // so; only one whose batches went out may have reached JOOR.
  const refusal =
    manifest?.refusal ??
    notProcessed(
      runId,
      manifest && manifest.batches === 0
        ? `its report could not be completed: ${reason}; nothing of it was sent to JOOR`
        : `its report could not be completed: ${reason}; customers of this file may have reached JOOR, and are sent again with the next file`,
    );
  const report = {
    runId,
    tenantId,
    tenantName: tenant?.displayName ?? tenantId,
    environment: tenant?.joor.environment ?? 'sandbox',
    file: {
      name: manifest?.file.name ?? '(unknown file)',
      bytes: manifest?.file.bytes ?? 0,
      receivedAt: manifest?.file.receivedAt ?? claim.startedAt,
      finishedAt: deps.now().toISOString(),
    },
    status: 'error' as const,
    // Nothing is known to have synced: every row counts as held back, and the next file sends them again.
    counts: {
      ...(manifest?.counts ?? emptyCounts()),
      sent: 0,
      accepted: 0,
      failed: 0,
      quarantinedRows: (manifest?.counts.rows ?? 0) - (manifest?.counts.rejectedRows ?? 0),
    },
    refusal,
    rejected: [],
    failures: [],
    superseded: (manifest?.superseded ?? []).map((f) => ({ file: f.name, receivedAt: f.receivedAt })),
    notes: [],
    ...(tenant ? { timeZone: tenant.report.timeZone } : {}),
  };
  await store.putText(keys.report(tenantId, runId, 'json'), JSON.stringify(report, null, 2), {
    contentType: 'application/json',
  });
  // Without a readable config there is no one to send it to: it is held, and the tenant's next finalized run sends
  // it once the config can be read again (heldReports.ts).
  if (!tenant)
    await store.putText(keys.heldReport(tenantId, runId), JSON.stringify({ runId }), {
      contentType: 'application/json',
    });
  // The one guarded send (sendReportOnce): a handler that dies after sending and before recording it does not send
  // again on its next delivery, nor does a finalizer still at work on this run.
  await sendReportOnce(store, tenantId, runId, deps.now, async () =>
    tenant
      ? sendReportEmail(report, tenant, deps.mailer)
      : { status: 'failed', attempts: 0, reason: HELD_FOR_CONFIG },
  );
  await updateClaim(store, tenantId, runId, (current) => ({
    ...(current ?? claim),
    nextStarted: true,
    abandoned: reason,
    done: true,
  }));
  return 'abandoned';
};

/** The email record of a report held until the tenant's config can be read. */
export const HELD_FOR_CONFIG =
  'the tenant config could not be read: the report is emailed once it can be (after the tenant stack is deployed again)';

const emptyCounts = () => ({
  rows: 0,
  customers: 0,
  new: 0,
  changed: 0,
  unchanged: 0,
  rejectedRows: 0,
  sent: 0,
  missing: 0,
  superseded: 0,
  quarantinedRows: 0,
});
