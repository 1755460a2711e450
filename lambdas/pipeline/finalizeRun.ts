import type { TenantConfig } from '../core/config/index.js';
import { advanceSnapshot, EMPTY_SNAPSHOT, parseSnapshot } from '../core/diffing/index.js';
import { CustomerSyncError } from '../core/index.js';
import type { Mailer, MessageSender, ObjectStore } from '../core/ports/index.js';
import { type SyncCounts, type SyncReport, statusOfCounts } from '../core/reporting/index.js';
import { settleOutcomes } from '../core/sending/index.js';
import { advanceSyncedFields } from './advanceSyncedFields.js';
import { archiveRunFilesOnce } from './archive.js';
import { readResults } from './batchPosts.js';
import { owesRelease, readTenant, uniqueFiles } from './coordination/index.js';
import { updateClaim } from './finalizeClaim.js';
import { handOnTenant } from './handOnTenant.js';
import { keys } from './keys.js';
import { readManifest } from './manifest.js';
import { readRecord } from './readRecord.js';
import { type DigestOutcome, isDigestRun, sendRefusalDigest } from './refusalDigest.js';
import type { BatchResult, EmailRecord, FinalizeClaim, RunManifest } from './runTypes.js';
import { FinalizeClaimSchema } from './schemas.js';
import { sendReportEmail } from './sendReportEmail.js';
import { sendReportOnce } from './sendReportOnce.js';
import { storeReport } from './storeReport.js';
import { supersededByHolder } from './tenantCoordination.js';

export interface FinalizeDeps {
  store: ObjectStore;
  mailer: Mailer;
  /** The inbox queue: the newest waiting file of the tenant is started through it. */
  inboxQueue: MessageSender;
  /** The finalize queue: a digest of refused files that came early is delayed on it again (refusalDigest.ts). */
  finalizeQueue?: MessageSender;
  loadTenant: (tenantId: string) => Promise<TenantConfig>;
  now: () => Date;
  /**
   * How long a finalizer's claim holds before another may take over a run it left half done (default
   * FINALIZE_LEASE_MS); the name the handlers' Dependencies give it, passed through as it is.
   */
  finalizeLeaseMs?: number;
  /** Waits between email attempts (tests pass one that does not wait). */
  sleep?: (ms: number) => Promise<void>;
}

/**
 * Longer than the finalizer's time-out (5 min), so a claim this old belongs to an invocation that died; shorter than
 * the finalize queue's visibility time-out (6 × 5 min), so the message's next delivery finds it expired and takes
 * over (test/infra checks both against the stack).
 */
export const FINALIZE_LEASE_MS = 10 * 60_000;

/** Another invocation holds the run's claim: this delivery fails and comes back, which is not the run failing. */
export class FinalizeInProgress extends CustomerSyncError {
  override name = 'FinalizeInProgress';
  readonly code = 'come_back_later';
}

/** Builds the report of a run from its manifest and the results of its batches. */
export const buildSyncReport = (
  manifest: RunManifest,
  results: BatchResult[],
  tenant: TenantConfig,
  finishedAt: Date,
): SyncReport => {
  const settled = settleOutcomes(results);
  const accepted = settled.accepted;
  const failures = [...manifest.preFailures, ...settled.failures];
  const newCodes = new Set(manifest.newCodes ?? []);
  const counts = {
    ...manifest.counts,
    accepted: accepted.length,
    failed: failures.length,
    acceptedNew: accepted.filter((code) => newCodes.has(code)).length,
  };
  return {
    runId: manifest.runId,
    tenantId: manifest.tenantId,
    tenantName: tenant.displayName ?? tenant.tenantId,
    environment: tenant.joor.environment,
    file: {
      name: manifest.file.name,
      bytes: manifest.file.bytes,
      receivedAt: manifest.file.receivedAt,
      finishedAt: finishedAt.toISOString(),
    },
    status: statusOfCounts(counts, manifest.refusal),
    counts,
    ...(manifest.refusal ? { refusal: manifest.refusal } : {}),
    rejected: manifest.rejected,
    failures,
    superseded: manifest.superseded.map((f) => ({ file: f.name, receivedAt: f.receivedAt })),
    notes: manifest.notes,
    missing: manifest.missingCodes ?? [],
    ...(manifest.dryRun ? { dryRun: { new: manifest.newCodes ?? [] } } : {}),
    ...(manifest.changed ? { changed: manifest.changed } : {}),
    ...(manifest.massChange ? { massChange: manifest.massChange } : {}),
    timeZone: tenant.report.timeZone,
  };
};

export type FinalizeOutcome =
  | {
      outcome: 'finalized';
      email: EmailRecord['status'];
      /** What the run came to, for the finalizer's metrics (the report holds the rest). */
      status: 'success' | 'error' | 'refused';
      /** The run was closed as "could not be processed" (its refusal's code): counted once, here. */
      notProcessed: boolean;
      counts: SyncCounts;
      /** From the file's arrival to this report. */
      durationMs: number;
    }
  | { outcome: 'duplicate' }
  /** A digest of a tenant's refused files (refusalDigest.ts), and what became of it. */
  | { outcome: 'digest'; digest: DigestOutcome };

/**
 * The finalizer's work (SPEC §2.7), done by exactly one invocation per run: the report stored, the synced state
 * moved forward for what JOOR accepted, the file archived, the tenant released and its newest waiting file started
 * (older waiting files are superseded by it: each is a full list), and then, the state being safe, the email.
 *
 * Every step is safe to repeat after a crash at any point (the finalize queue delivers again, and a claim older
 * than the lease is taken over):
 * - the report files and the snapshot are written whole; advancing the snapshot (and the field values kept beside
 *   it) again by the same accepted customers gives the same snapshot;
 * - archiving is done when the destination exists and the source is gone (copy, then delete), to the place the
 *   run's first handler recorded in the claim (the dead-letter handler may be closing the run beside it);
 * - the lock is released only when this run holds it;
 * - the next waiting file is started once (the claim records it: `nextStarted`), and only while the tenant is this
 *   run's or free;
 * - the email is marked as being sent before it is sent, and its outcome recorded after: a finalizer that stops in
 *   between does not send it again (at most one email), and records that it may not have arrived.
 */
export const finalizeRun = async (
  tenantId: string,
  runId: string,
  deps: FinalizeDeps,
): Promise<FinalizeOutcome> => {
  const { store } = deps;
  if (isDigestRun(runId))
    return { outcome: 'digest', digest: await sendRefusalDigest(tenantId, runId, digestDeps(deps)) };
  // Read before the claim: a config that cannot be read fails each delivery the same way, unclaimed, so that the
  // handler can tell a repeated failure (closePoisonedRun.ts) from another finalizer at work.
  const tenant = await deps.loadTenant(tenantId);
  const claim = await claimFinalization(tenantId, runId, deps);
  if (claim === 'duplicate') return { outcome: 'duplicate' };
  const read = await readManifest(store, tenantId, runId);
  const manifest = read.locked
    ? {
        ...read,
        superseded: uniqueFiles([...read.superseded, ...(await supersededByHolder(store, tenantId, runId))]),
      }
    : read;
  const results = await readResults(store, tenantId, runId);
  const report = buildSyncReport(manifest, results, tenant, deps.now());
  await storeReport(store, report, tenant);
  // The point of no return, decided once with the finalize dead-letter handler, which may be closing the run beside
  // this finalizer (its receives ran out while this one stalled): whichever marks the claim first decides whether
  // the run ends with this report and its state moved, or closed as not processed with nothing moved (#32).
  let closing = false;
  await updateClaim(store, tenantId, runId, (current) => {
    closing = current?.closing === true;
    return closing || current?.committed ? undefined : { ...(current ?? claim), committed: true };
  });
  if (closing) return { outcome: 'duplicate' };
  await moveSyncedState(store, manifest, results);

  await archiveRunFilesOnce(store, manifest, manifest.refusal !== undefined, claim.startedAt);
  // A run that holds the tenant without its manifest saying so (a late delivery of it took the tenant after it was
  // closed) gives it back too: the release does nothing for a run that does not hold it.
  const holds = manifest.locked || owesRelease(await readTenant(store, tenantId), runId);
  if (holds && !claim.nextStarted) {
    await handOnTenant(store, deps.inboxQueue, tenantId, runId, deps.now);
    await updateClaim(store, tenantId, runId, (current) => ({ ...(current ?? claim), nextStarted: true }));
  }

  // The one guarded send (sendReportOnce): marked before sending, recorded after, at most one email per run.
  const email = await sendReportOnce(store, tenantId, runId, deps.now, () =>
    sendReportEmail(report, tenant, deps.mailer, deps.sleep),
  );
  await updateClaim(store, tenantId, runId, (current) => ({ ...(current ?? claim), done: true }));
  return {
    outcome: 'finalized',
    email: email.status,
    status: report.refusal ? 'refused' : report.status,
    notProcessed: report.refusal?.code === 'not_processed',
    counts: report.counts,
    durationMs: Date.parse(report.file.finishedAt) - Date.parse(report.file.receivedAt),
  };
};

/**
 * Moves the synced state forward for what JOOR accepted of a run: the kept field values first (until the snapshot
 * moves too, they are not taken as "before": the hash differs), then the snapshot. Safe to repeat: advancing again by
 * the same accepted customers gives the same state.
 */
export const moveSyncedState = async (
  store: ObjectStore,
  manifest: RunManifest,
  results: BatchResult[],
): Promise<void> => {
  const { accepted } = settleOutcomes(results);
  await advanceSyncedFields(
    store,
    manifest.tenantId,
    manifest.runId,
    manifest.snapshotKey,
    new Set(accepted),
  );
  if (accepted.length === 0) return;
  const previousText = await store.getText(manifest.snapshotKey);
  const previous = previousText ? parseSnapshot(previousText) : EMPTY_SNAPSHOT;
  const next = advanceSnapshot(previous, new Map(Object.entries(manifest.sentHashes)), accepted);
  await store.putText(manifest.snapshotKey, JSON.stringify(next), { contentType: 'application/json' });
};

/** What a digest of refused files needs of the finalizer: its claim, as for a run. */
export const digestDeps = (deps: FinalizeDeps) => ({
  ...deps,
  claim: (tenantId: string, runId: string) => claimFinalization(tenantId, runId, deps),
});

/**
 * Exactly one finalizer per run: the claim is a conditional write. A claim left by an invocation that died (older
 * than the lease) is taken over, and the steps it did not finish are done again; they are idempotent.
 */
const claimFinalization = async (
  tenantId: string,
  runId: string,
  deps: FinalizeDeps,
): Promise<FinalizeClaim | 'duplicate'> => {
  const fresh: FinalizeClaim = { startedAt: deps.now().toISOString() };
  if (
    (await deps.store.putText(keys.finalizeClaim(tenantId, runId), JSON.stringify(fresh), {
      ifAbsent: true,
    })) === 'written'
  )
    return fresh;
  const existing = (await readRecord(deps.store, keys.finalizeClaim(tenantId, runId), FinalizeClaimSchema))!;
  if (existing.done) return 'duplicate';
  if (deps.now().getTime() - Date.parse(existing.startedAt) < (deps.finalizeLeaseMs ?? FINALIZE_LEASE_MS)) {
    throw new FinalizeInProgress(`Run ${tenantId}/${runId} is being finalized by another invocation`);
  }
  // Taken over with a write that must find the claim unchanged: of two invocations that find the lease expired, one
  // takes it; the other is told the run is being finalized, and its message comes back.
  let ours = false;
  const takenOver = await updateClaim(deps.store, tenantId, runId, (current) => {
    ours = current?.startedAt === existing.startedAt && !current.done;
    return ours ? { ...current!, startedAt: fresh.startedAt } : undefined;
  });
  if (!ours) throw new Error(`Run ${tenantId}/${runId} was taken over by another invocation`);
  return takenOver!;
};
