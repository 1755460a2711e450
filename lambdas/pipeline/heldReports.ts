import type { TenantConfig } from '../core/config/index.js';
import type { Mailer, ObjectStore } from '../core/ports/index.js';
import type { SyncReport } from '../core/reporting/index.js';
import { HELD_FOR_CONFIG } from './abandonFinalize.js';
import { updateClaim } from './finalizeClaim.js';
import { keys } from './keys.js';
import { readRecord } from './readRecord.js';
import type { EmailRecord, FinalizeClaim } from './runTypes.js';
import { FinalizeClaimSchema } from './schemas.js';
import { isHeldForThrottling, sendReportEmail } from './sendReportEmail.js';
import { holdForLater, INTERRUPTED_SEND } from './sendReportOnce.js';
import { storeReportJson, storeReportRenderings } from './storeReport.js';

/** What a pass over a tenant's held reports came to: the runs it emailed, and those still held because SES throttles. */
export interface HeldReportsOutcome {
  sent: string[];
  /** Held for throttling still: the finalizer asks to be called again for them (SES: try again within 10 minutes). */
  held: string[];
}

export interface HeldReportOptions {
  sleep?: (ms: number) => Promise<void>;
  /**
   * The run whose finalizer sends them: when it synced a file at least as new as a held report's (a later full
   * list, or the same file replayed), that report says so instead of asking the brand to send its file again (#32).
   */
  finalizedRun?: string;
}

/**
 * Emails the held reports of a tenant's runs: those closed as not processed while the tenant's config could not be
 * read (abandonFinalize holds them), now that it can, and those SES throttled (sendReportOnce holds them). The
 * finalizer of the tenant's next run calls this with the config it read, and so does the finalize message it sends
 * itself, delayed, while any report is held for throttling.
 *
 * At most one email per run, as sendReportOnce: the claim's held record is turned into `sending` by a conditional
 * write only one invocation wins, and the outcome recorded after; a claim found `sending` (an invocation died while
 * sending, or another is at it) is recorded as possibly not sent, which a live sender overwrites. The held entry
 * is removed last, so a finalizer that dies before leaves it to the next one; a report SES throttles again keeps its
 * entry, and the rest are not tried in this pass (SES would throttle them too).
 */
export const sendHeldReports = async (
  store: ObjectStore,
  tenant: TenantConfig,
  mailer: Mailer,
  options: HeldReportOptions = {},
): Promise<HeldReportsOutcome> => {
  const { tenantId } = tenant;
  const { sleep } = options;
  const prefix = keys.heldReportsPrefix(tenantId);
  const sent: string[] = [];
  const synced = options.finalizedRun
    ? await syncedReportOf(store, tenantId, options.finalizedRun)
    : undefined;
  const held: string[] = [];
  let throttled = false;
  for (const key of await store.list(prefix)) {
    const runId = key.slice(prefix.length, -'.json'.length);
    if (throttled) {
      const claim = await readRecord(store, keys.finalizeClaim(tenantId, runId), FinalizeClaimSchema);
      if (isHeldForThrottling(claim?.email)) held.push(runId);
      continue;
    }
    const text = await store.getText(keys.report(tenantId, runId, 'json'));
    let ours = false;
    const marked = await updateClaim(store, tenantId, runId, (claim) => {
      const email = claim?.email;
      ours =
        email?.status === 'failed' &&
        (email.reason === HELD_FOR_CONFIG || isHeldForThrottling(email)) &&
        text !== undefined;
      return ours && claim ? { ...claim, email: { status: 'sending' } } : undefined;
    });
    if (ours) {
      // Written by abandonFinalize from the same SyncReport type; a report is never read from outside.
      const heldReport = JSON.parse(text!) as SyncReport;
      const report =
        synced && syncedSince(synced, heldReport) ? withLaterSync(heldReport, synced) : heldReport;
      // The stored report says what the email says (written whole: the same content if this is done again).
      if (report !== heldReport) {
        await storeReportJson(store, report);
        await storeReportRenderings(store, report, tenant);
      }
      const email = await sendReportEmail(
        // Closed without the config: its name, environment and time zone are the config's now.
        {
          ...report,
          tenantName: tenant.displayName ?? tenantId,
          environment: tenant.joor.environment,
          timeZone: tenant.report.timeZone,
        },
        tenant,
        mailer,
        ...(sleep ? [sleep] : []),
      );
      await record(store, tenantId, runId, email);
      if (email.status === 'sent') sent.push(runId);
      if (isHeldForThrottling(email)) {
        // Written again: a pass beside this one may have taken the `sending` mark for an interrupted send.
        await holdForLater(store, tenantId, runId);
        held.push(runId);
        throttled = true;
        continue;
      }
    } else if (marked?.email?.status === 'sending')
      await updateClaim(store, tenantId, runId, (claim) =>
        claim?.email?.status === 'sending'
          ? { ...claim, email: { status: 'failed', attempts: 1, reason: INTERRUPTED_SEND } }
          : undefined,
      );
    await store.delete(key);
  }
  return { sent, held };
};

const record = (store: ObjectStore, tenantId: string, runId: string, email: EmailRecord) =>
  updateClaim(store, tenantId, runId, (claim) => claim && ({ ...claim, email } satisfies FinalizeClaim));

/** The report of a run that synced (not refused, not a dry run), if `runId` is one. */
const syncedReportOf = async (
  store: ObjectStore,
  tenantId: string,
  runId: string,
): Promise<SyncReport | undefined> => {
  const text = await store.getText(keys.report(tenantId, runId, 'json'));
  // Written by the finalizer from the SyncReport type, as the held reports are.
  const report = text === undefined ? undefined : (JSON.parse(text) as SyncReport);
  return report && !report.refusal && !report.dryRun ? report : undefined;
};

/** Whether `synced` is of a file at least as new as the held report's (a replay keeps its file's time). */
const syncedSince = (synced: SyncReport, held: SyncReport): boolean =>
  synced.runId !== held.runId && Date.parse(synced.file.receivedAt) >= Date.parse(held.file.receivedAt);

/** notProcessed's advice (abandonStart.ts): what a report sent after a later sync must not say any more. */
const SEND_AGAIN = / Send the file again;[\s\S]*$/;

/**
 * A held report sent after a file at least as new synced: its refusal keeps the cause and says that the data is in
 * JOOR since, and which file brought it, rather than asking for this file again (each file is the full list).
 */
const withLaterSync = (held: SyncReport, synced: SyncReport): SyncReport => {
  const sameFile = synced.file.name === held.file.name && synced.file.receivedAt === held.file.receivedAt;
  const since = sameFile
    ? `This file has synced since: an operator replayed it (run ${synced.runId})`
    : `A later file of yours, ${synced.file.name}, has synced since (run ${synced.runId}), and each file is the full list`;
  const { refusal } = held;
  if (!refusal) return held;
  return {
    ...held,
    syncedSince: { runId: synced.runId, file: synced.file.name },
    refusal: {
      ...refusal,
      message: `${refusal.message.replace(SEND_AGAIN, '')} ${since}: there is no need to send this file again (reference ${held.runId}).`,
    },
  };
};
