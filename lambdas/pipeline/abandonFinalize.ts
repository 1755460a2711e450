import type { TenantConfig } from '../core/config/index.js';
import type { Mailer, MessageSender, ObjectStore } from '../core/ports/index.js';
import type { SyncReport } from '../core/reporting/index.js';
import { notProcessed } from './abandonStart.js';
import { archiveRunFilesOnce } from './archive.js';
import { readResults } from './batchPosts.js';
import { causeOf } from './failedDeliveries.js';
import { updateClaim } from './finalizeClaim.js';
import { digestDeps, moveSyncedState } from './finalizeRun.js';
import { handOnTenant } from './handOnTenant.js';
import { keys } from './keys.js';
import { readableTenant } from './loadTenantConfig.js';
import { EMPTY_COUNTS, findManifest } from './manifest.js';
import { readRecord } from './readRecord.js';
import { isDigestRun, sendRefusalDigest } from './refusalDigest.js';
import type { FinalizeClaim, RunManifest } from './runTypes.js';
import { FinalizeClaimSchema } from './schemas.js';
import { sendReportEmail } from './sendReportEmail.js';
import { sendReportOnce } from './sendReportOnce.js';
import { storeReportJson, storeReportRenderings } from './storeReport.js';

/** The email record of a report held until the tenant's config can be read. */
export const HELD_FOR_CONFIG =
  'the tenant config could not be read: the report is emailed once it can be (after the tenant stack is deployed again)';

/** What closing a run without its finalizer uses: the finalizer's ports, without its lease. */
export interface AbandonFinalizeDeps {
  store: ObjectStore;
  inboxQueue: MessageSender;
  mailer: Mailer;
  loadTenant: (tenantId: string) => Promise<TenantConfig>;
  now: () => Date;
}

/**
 * The finalize dead-letter queue's work: a run whose finalizer failed on every delivery is closed without it. The
 * tenant is released and its next file started, a short report saying the run could not be processed is stored and
 * emailed where possible, and the claim records why. Safe to repeat: a claim marked done is left alone.
 */
export const abandonFinalize = async (
  tenantId: string,
  runId: string,
  reason: string,
  deps: AbandonFinalizeDeps,
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
  // Decided once with a finalizer that may still be at work on the run (its receives ran out while it stalled): if it
  // committed to its report first, that report stands and the run is finished by it; otherwise the claim says the run
  // is closing, and that finalizer stops before it moves any state (finalizeRun's commit).
  let committed = false;
  await updateClaim(store, tenantId, runId, (current) => {
    committed = current?.committed === true;
    return committed || current?.done || current?.closing
      ? undefined
      : { ...(current ?? claim), closing: true };
  });
  const manifest = await findManifest(store, tenantId, runId);
  if (committed && manifest) return finishCommitted(tenantId, runId, reason, manifest, claim, deps);
  if (manifest) await archiveRunFilesOnce(store, manifest, true, claim.startedAt);
  if (!claim.nextStarted) await handOnTenant(store, deps.inboxQueue, tenantId, runId, deps.now);
  // A tenant without a valid config still gets its report stored; a store that failed fails this delivery.
  const tenant = await readableTenant(deps.loadTenant, tenantId);
  const report = abandonedReport({
    tenantId,
    runId,
    reason,
    manifest,
    tenant,
    startedAt: claim.startedAt,
    finishedAt: deps.now(),
  });
  // Stored as the finalizer stores its reports, the JSON first. The HTML, text and CSV follow, but not at the price
  // of the close: the finalizer may have died rendering or storing them, and this is the run's last handler. Their
  // failure is recorded in the claim, which the operator's `run` shows beside the report's links.
  await storeReportJson(store, report);
  const unrendered = await storeReportRenderings(store, report, tenant).then(
    () => '',
    (error: unknown) => `; its report's HTML, text and CSV could not be stored: ${causeOf(error).message}`,
  );
  return endRun(deps, { report, tenant, claim, abandoned: `${reason}${unrendered}` });
};

/**
 * The end of a run closed by this handler, whichever report it has: held while the tenant's config cannot be read
 * (the tenant's next finalized run sends it once it can: heldReports.ts), emailed through the one guarded send
 * (sendReportOnce: a handler that dies after sending and before recording it does not send again, nor does a
 * finalizer still at work on the run), and the claim done with why the run was closed.
 */
const endRun = async (
  deps: AbandonFinalizeDeps,
  run: { report: SyncReport; tenant: TenantConfig | undefined; claim: FinalizeClaim; abandoned: string },
): Promise<'abandoned'> => {
  const { store } = deps;
  const { report, tenant, claim } = run;
  const { tenantId, runId } = report;
  if (!tenant)
    await store.putText(keys.heldReport(tenantId, runId), JSON.stringify({ runId }), {
      contentType: 'application/json',
    });
  await sendReportOnce(store, tenantId, runId, deps.now, async () =>
    tenant
      ? sendReportEmail(report, tenant, deps.mailer)
      : { status: 'failed', attempts: 0, reason: HELD_FOR_CONFIG },
  );
  await updateClaim(store, tenantId, runId, (current) => ({
    ...(current ?? claim),
    nextStarted: true,
    abandoned: run.abandoned,
    done: true,
  }));
  return 'abandoned';
};

/**
 * A run whose finalizer committed to its report and then failed on every delivery: finished here by that report,
 * with the steps the finalizer may not have reached, each safe to repeat (the state moved by the same accepted
 * customers, the file archived where the claim says, the tenant handed on, the one guarded email).
 */
const finishCommitted = async (
  tenantId: string,
  runId: string,
  reason: string,
  manifest: RunManifest,
  claim: FinalizeClaim,
  deps: AbandonFinalizeDeps,
): Promise<'abandoned'> => {
  const { store } = deps;
  const text = await store.getText(keys.report(tenantId, runId, 'json'));
  // Stored before the finalizer committed, from the SyncReport type.
  const report = JSON.parse(text!) as SyncReport;
  await moveSyncedState(store, manifest, await readResults(store, tenantId, runId));
  await archiveRunFilesOnce(store, manifest, manifest.refusal !== undefined, claim.startedAt);
  if (!claim.nextStarted) await handOnTenant(store, deps.inboxQueue, tenantId, runId, deps.now);
  return endRun(deps, {
    report,
    tenant: await readableTenant(deps.loadTenant, tenantId),
    claim,
    abandoned: `its finalizer stopped after its report (${reason}); the run was finished by its report`,
  });
};

/** What is known of a run closed without its finalizer: its manifest and its tenant's config, when they can be read. */
interface AbandonedRun {
  tenantId: string;
  runId: string;
  reason: string;
  manifest: RunManifest | undefined;
  tenant: TenantConfig | undefined;
  /** When its first finalizer (or this handler) claimed it: the arrival time of a run without a manifest. */
  startedAt: string;
  finishedAt: Date;
}

/**
 * The short report of a run closed without its finalizer: an error, with the refusal's words, and nothing counted as
 * synced. Not the finalizer's buildSyncReport: no synced state is moved forward for such a run, so what its batch
 * results say JOOR accepted is sent again with the next file; and its manifest or its tenant's config may be missing.
 */
const abandonedReport = (run: AbandonedRun): SyncReport => {
  const { tenantId, runId, reason, manifest, tenant } = run;
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
  return {
    runId,
    tenantId,
    tenantName: tenant?.displayName ?? tenantId,
    environment: tenant?.joor.environment ?? 'sandbox',
    file: {
      name: manifest?.file.name ?? '(unknown file)',
      bytes: manifest?.file.bytes ?? 0,
      receivedAt: manifest?.file.receivedAt ?? run.startedAt,
      finishedAt: run.finishedAt.toISOString(),
    },
    status: 'error',
    // Nothing is known to have synced: every row counts as held back, and the next file sends them again.
    counts: {
      ...(manifest?.counts ?? EMPTY_COUNTS),
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
};
