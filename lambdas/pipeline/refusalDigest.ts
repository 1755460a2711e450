import type { TenantConfig } from '../core/config/index.js';
import { formatCount } from '../core/index.js';
import type { Mailer, MessageSender, ObjectStore } from '../core/ports/index.js';
import type { SyncReport } from '../core/reporting/index.js';
import { archive } from './archive.js';
import { updateClaim } from './finalizeClaim.js';
import { keys } from './keys.js';
import { readableTenant } from './loadTenantConfig.js';
import { EMPTY_COUNTS } from './manifest.js';
import { mapLimited } from './mapLimited.js';
import { parseRecord } from './parseRecord.js';
import { readRecord } from './readRecord.js';
import type {
  DigestRecord,
  EmailRecord,
  FinalizeClaim,
  RefusalEntry,
  RefusalWindow,
  RunManifest,
} from './runTypes.js';
import {
  DigestRecordSchema,
  FinalizeClaimSchema,
  RefusalEntrySchema,
  RefusalWindowSchema,
} from './schemas.js';
import { sendReportEmail } from './sendReportEmail.js';
import { sendReportOnce } from './sendReportOnce.js';
import { storeReport } from './storeReport.js';

/*
 * Refused files reported together (SPEC §2.10). A file refused before it is read (a cut-off upload, a name the
 * tenant does not take or over the bound, a size over the bound) used to get its own run, finalizer and email: one
 * file a second is 86,400 emails a day (the account's SES quota) and both finalizer slots. Now, per tenant:
 * - the first refused file of an interval is reported at once, on its own (the brand learns of the problem without
 *   waiting), and opens the interval (`refusalDigestMinutes`, default 60);
 * - the files refused during the interval are collected in S3 (`state/<tenant>/refused/<interval>/`) and reported
 *   in one digest when it ends: one report and one email naming each file with why it was refused. That report is
 *   each named file's one report (its run's claim says so: `digest`).
 * The digest is a delayed message on the finalize queue, sent when the interval opens, rather than left to the
 * tenant's next file: a burst of bad files followed by silence must still be reported. SQS delays a message at
 * most 15 minutes, so a digest that arrives early is delayed again until it is due. The worst case is two emails
 * per interval and tenant (48 a day at the default), whatever the number of files.
 */

/** A digest run's id: the interval's first run, and this suffix (never a run id of a file: those end in a hash). */
const DIGEST_SUFFIX = '-refusals';
/** The most SQS delays a message. */
const MAX_DELAY_S = 900;

export const isDigestRun = (runId: string): boolean => runId.endsWith(DIGEST_SUFFIX);
const digestRunOf = (windowId: string): string => `${windowId}${DIGEST_SUFFIX}`;

const delayUntil = (dueAt: string, now: Date): number =>
  Math.min(MAX_DELAY_S, Math.max(1, Math.ceil((Date.parse(dueAt) - now.getTime()) / 1000)));

/** Records the digest of an interval and asks the finalize queue for it when the interval ends. */
const scheduleDigest = async (
  store: ObjectStore,
  finalizeQueue: MessageSender,
  tenantId: string,
  window: RefusalWindow,
  intervalMinutes: number,
  now: Date,
): Promise<void> => {
  const runId = digestRunOf(window.id);
  const record: DigestRecord = { windowId: window.id, dueAt: window.dueAt, intervalMinutes };
  await store.putText(keys.digest(tenantId, runId), JSON.stringify(record), {
    contentType: 'application/json',
  });
  await finalizeQueue.send([
    { body: JSON.stringify({ tenantId, runId }), delaySeconds: delayUntil(window.dueAt, now) },
  ]);
};

const readWindow = async (store: ObjectStore, tenantId: string) => {
  const tagged = await store.getTagged(keys.refusalWindow(tenantId));
  return tagged
    ? {
        tag: tagged.tag,
        window: parseRecord(RefusalWindowSchema, tagged.text, keys.refusalWindow(tenantId)),
      }
    : undefined;
};

/**
 * The id of an interval this run opens: its own run id, unless a digest of that id was already claimed. A delivery
 * that died after scheduling its digest and before writing the interval leaves a digest that finds nothing and is
 * done; the same file's next delivery, or one that comes back after a later interval, must not open an interval
 * whose digest will never come again (its files would have no report). Such an interval takes the next free
 * `<run>-<n>`.
 */
const unusedWindowId = async (store: ObjectStore, tenantId: string, runId: string): Promise<string> => {
  for (let attempt = 0; ; attempt += 1) {
    const id = attempt === 0 ? runId : `${runId}-${attempt}`;
    if (!(await store.exists(keys.finalizeClaim(tenantId, digestRunOf(id))))) return id;
  }
};

/**
 * Where the report of a file refused before it was read goes: `true` when the file was collected into the tenant's
 * open interval (its digest reports it), `false` when it is reported on its own now (it opened an interval, or the
 * interval closed while it was being collected).
 *
 * Safe to repeat, and to run beside other splitters of the tenant:
 * - the digest is scheduled before the interval is written, so an open interval always has a digest coming (one
 *   scheduled for an interval whose write then lost finds nothing to report);
 * - the interval is opened with a conditional write; of two files that find none open, one opens it and the other
 *   is collected into it; a delivery that finds the interval its own run opened schedules the digest again (the
 *   digest's claim makes one of them) and reports the file on its own, as the first time;
 * - a collected file reads the interval again after writing its entry: the digest marks it closed before listing,
 *   so a file that still finds it open is listed, and one that does not is reported on its own. A file in two
 *   intervals (a delivery that died and came back later), or both collected and reported on its own, ends with one
 *   report: each report claims the file's run first (a conditional write), and only the first claim reports it.
 */
export const collectRefusal = async (
  deps: { store: ObjectStore; finalizeQueue: MessageSender },
  manifest: RunManifest,
  intervalMinutes: number,
  now: Date,
): Promise<boolean> => {
  const { store } = deps;
  const { tenantId, runId } = manifest;
  for (;;) {
    const current = await readWindow(store, tenantId);
    const window = current?.window;
    if (window?.id === runId) {
      await scheduleDigest(store, deps.finalizeQueue, tenantId, window, intervalMinutes, now);
      return false;
    }
    if (!window || window.closed || Date.parse(window.dueAt) <= now.getTime()) {
      const opened: RefusalWindow = {
        id: await unusedWindowId(store, tenantId, runId),
        openedAt: now.toISOString(),
        dueAt: new Date(now.getTime() + intervalMinutes * 60_000).toISOString(),
      };
      await scheduleDigest(store, deps.finalizeQueue, tenantId, opened, intervalMinutes, now);
      const written = await store.putText(
        keys.refusalWindow(tenantId),
        JSON.stringify(opened),
        current ? { ifMatch: current.tag } : { ifAbsent: true },
      );
      if (written === 'written') return false;
      continue;
    }
    const entry: RefusalEntry = { runId, file: manifest.file, refusal: manifest.refusal! };
    await store.putText(
      keys.refusalEntry(tenantId, window.id, manifest.file.receivedAt, runId),
      JSON.stringify(entry),
      { contentType: 'application/json' },
    );
    const after = (await readWindow(store, tenantId))?.window;
    return after?.id === window.id && !after.closed;
  }
};

/** Marks the interval closed (when it is still the tenant's current one): no file is collected into it after. */
const closeWindow = async (store: ObjectStore, tenantId: string, windowId: string): Promise<void> => {
  for (;;) {
    const current = await readWindow(store, tenantId);
    if (!current || current.window.id !== windowId || current.window.closed) return;
    const closed = { ...current.window, closed: true };
    const written = await store.putText(keys.refusalWindow(tenantId), JSON.stringify(closed), {
      ifMatch: current.tag,
    });
    if (written === 'written') return;
  }
};

/**
 * Claims a refused file's run for the digest (a conditional write of its finalize claim, done): false when the
 * file's own finalizer, or another digest, claimed it first. A claim this digest wrote on an earlier attempt is its.
 */
const claimForDigest = async (
  store: ObjectStore,
  tenantId: string,
  runId: string,
  digestRunId: string,
  now: Date,
): Promise<boolean> => {
  const claim: FinalizeClaim = {
    startedAt: now.toISOString(),
    done: true,
    nextStarted: true,
    digest: digestRunId,
  };
  const written = await store.putText(keys.finalizeClaim(tenantId, runId), JSON.stringify(claim), {
    ifAbsent: true,
  });
  if (written === 'written') return true;
  return (
    (await readRecord(store, keys.finalizeClaim(tenantId, runId), FinalizeClaimSchema))?.digest ===
    digestRunId
  );
};

/** The digest's report: one refused file per line, with why; no customer was read or sent. */
export const buildDigestReport = (
  tenantId: string,
  runId: string,
  tenant: TenantConfig | undefined,
  record: DigestRecord,
  entries: RefusalEntry[],
  finishedAt: Date,
): SyncReport => ({
  runId,
  tenantId,
  tenantName: tenant?.displayName ?? tenantId,
  environment: tenant?.joor.environment ?? 'sandbox',
  file: {
    name: `${formatCount(entries.length)} refused file${entries.length === 1 ? '' : 's'}`,
    bytes: entries.reduce((sum, entry) => sum + (entry.file.bytes ?? 0), 0),
    receivedAt: entries[0]!.file.receivedAt,
    finishedAt: finishedAt.toISOString(),
  },
  status: 'error',
  counts: { ...EMPTY_COUNTS, accepted: 0, failed: 0 },
  refusal: {
    code: 'refused_files',
    message: `${formatCount(entries.length)} more file${entries.length === 1 ? ' was' : 's were'} refused before being read: none was processed. Each is named below with why. After a refused file is reported, those refused within the next ${record.intervalMinutes} minutes are reported together in one report like this one.`,
  },
  rejected: [],
  failures: [],
  superseded: [],
  notes: [],
  missing: [],
  refusedFiles: entries.map((entry) => ({
    file: entry.file.name,
    receivedAt: entry.file.receivedAt,
    runId: entry.runId,
    code: entry.refusal.code,
    message: entry.refusal.message,
  })),
  ...(tenant ? { timeZone: tenant.report.timeZone } : {}),
});

export interface DigestDeps {
  store: ObjectStore;
  /** Where a digest that arrived before its interval ended is sent again, delayed. */
  finalizeQueue?: MessageSender;
  mailer: Mailer;
  loadTenant: (tenantId: string) => Promise<TenantConfig>;
  now: () => Date;
  /** Claims the run as the finalizer does (finalizeRun.ts), so that one run has one report. */
  claim: (tenantId: string, runId: string) => Promise<FinalizeClaim | 'duplicate'>;
  sleep?: (ms: number) => Promise<void>;
}

export type DigestOutcome = 'deferred' | 'duplicate' | 'nothing_collected' | EmailRecord['status'];

/**
 * The digest of an interval's refused files, on the finalize queue when the interval ends (SPEC §2.10). Steps, each
 * safe to repeat: the digest run is claimed as a finalizer claims a run; the interval is closed before its files
 * are listed; each file's run is claimed for the digest (a file its own finalizer claimed first is left out); the
 * files are archived under rejected/; the report is stored whole; the email is marked before it is sent, so it is
 * sent at most once. `now` past due is not waited for by the dead-letter handler (`force`).
 */
export const sendRefusalDigest = async (
  tenantId: string,
  runId: string,
  deps: DigestDeps,
  force = false,
): Promise<DigestOutcome> => {
  const { store } = deps;
  const record = await readRecord(store, keys.digest(tenantId, runId), DigestRecordSchema);
  if (!record) return 'nothing_collected';
  const now = deps.now();
  if (!force && Date.parse(record.dueAt) > now.getTime() && deps.finalizeQueue) {
    await deps.finalizeQueue.send([
      { body: JSON.stringify({ tenantId, runId }), delaySeconds: delayUntil(record.dueAt, now) },
    ]);
    return 'deferred';
  }
  const claim = await deps.claim(tenantId, runId);
  if (claim === 'duplicate') return 'duplicate';
  await closeWindow(store, tenantId, record.windowId);
  const entryKeys = await store.list(keys.refusalEntries(tenantId, record.windowId));
  const read = await mapLimited(
    entryKeys,
    async (key) => (await readRecord(store, key, RefusalEntrySchema))!,
  );
  const claimed = await mapLimited(read, (entry) => claimForDigest(store, tenantId, entry.runId, runId, now));
  const entries = read.filter((_, k) => claimed[k]);
  if (entries.length === 0) {
    await store.putText(keys.finalizeClaim(tenantId, runId), JSON.stringify({ ...claim, done: true }));
    return 'nothing_collected';
  }
  await mapLimited(entries, (entry) =>
    archive(store, entry.file, keys.rejected(tenantId, entry.runId, entry.file.name)),
  );
  // A tenant without a valid config still gets its report stored; a store that failed fails this delivery.
  const tenant = await readableTenant(deps.loadTenant, tenantId);
  const report = buildDigestReport(tenantId, runId, tenant, record, entries, now);
  await storeReport(store, report, tenant);
  // The one guarded send (sendReportOnce), as for a run's own report: at most one digest email.
  const email = await sendReportOnce(store, tenantId, runId, deps.now, async () =>
    tenant
      ? sendReportEmail(report, tenant, deps.mailer, deps.sleep)
      : { status: 'failed', attempts: 0, reason: 'the tenant config could not be read' },
  );
  await updateClaim(store, tenantId, runId, (current) => ({ ...(current ?? claim), done: true }));
  return email.status;
};
