import { HeadObjectCommand, paginateListObjectsV2 } from '@aws-sdk/client-s3';
import type { SyncReport } from '../../lambdas/core/reporting/index.js';
import {
  type CustomerDeadLetterQueue,
  type DeliveryFailure,
  deadLetterQueueOf,
  describeFailure,
  failedDeliveriesOf,
  keys,
  lockHolderOf as lockHolderInStore,
  PREFIXES,
  REPLAY_METADATA,
  RunManifestSchema,
  readRecord,
  readTenant,
  recordedBatches,
} from '../../lambdas/pipeline/index.js';
import { ALARM_PERIOD_MINUTES } from '../../lib/platform/alarmPeriod.js';
import { joorWaitOf } from './joorWait.js';
import type { Operator } from './Platform.js';

/**
 * Where a run stands, from the records it left (the report when there is one). Kept as it was for scripts; `state`
 * says what is happening, in the words the runbook defines.
 */
export type RunStatus = 'success' | 'error' | 'refused' | 'finalizing' | 'in_joor' | 'running' | 'waiting';

/**
 * What is happening to a run: one vocabulary for `runs`, `run`, the report and the runbook ("Statuses").
 * - `received`: the splitter has recorded nothing yet (it is reading, validating, comparing; or it dies each time);
 * - `failing`: deliveries failed and the queue brings it back (the count and the cause say which);
 * - `waiting`: behind the run that holds the tenant;
 * - `syncing`: its batches are with the consumer and JOOR;
 * - `waiting_on_joor`: batches JOOR took wait on its jobs (their ids, since when, the next look and JOOR's last word);
 * - `finishing`: the finalizer is writing its report;
 * - `finished`: the report is out (success, error or refused);
 * - `not_processed`: closed as "could not be processed" (the cause says why).
 */
export type RunStage =
  | 'received'
  | 'failing'
  | 'waiting'
  | 'syncing'
  | 'waiting_on_joor'
  | 'finishing'
  | 'finished'
  | 'not_processed';

export interface RunState {
  stage: RunStage;
  /** The stage in words: "failing — 2 deliveries so far: the tenant config could not be read (…)". */
  text: string;
}

export interface RunSummary {
  runId: string;
  status: RunStatus;
  state: RunState;
  file: string;
  receivedAt: string;
  finishedAt?: string;
  counts?: Pick<SyncReport['counts'], 'rows' | 'customers' | 'sent' | 'accepted' | 'failed' | 'rejectedRows'>;
}

const DEFAULT_LIMIT = 20;

/** The tenant's run ids, newest first: a run id starts with its arrival time. */
export const runIdsOf = async (operator: Operator, tenantId: string): Promise<string[]> => {
  const prefix = keys.runsPrefix(tenantId);
  const ids: string[] = [];
  // One "folder" per run: the delimiter lists runs without every batch result under them (the SDK's paginator).
  for await (const page of paginateListObjectsV2(
    { client: operator.s3 },
    { Bucket: operator.platform.bucket, Prefix: prefix, Delimiter: '/' },
  )) {
    for (const common of page.CommonPrefixes ?? []) ids.push(common.Prefix!.slice(prefix.length, -1));
  }
  return ids.sort().reverse();
};

const readJson = async <T>(operator: Operator, key: string): Promise<T | undefined> => {
  const text = await operator.store.getText(key);
  return text === undefined ? undefined : (JSON.parse(text) as T);
};

/** The run holding the tenant's lock, if any: read once for all the runs a command shows. */
export const lockHolderOf = (operator: Operator, tenantId: string): Promise<string | undefined> =>
  lockHolderInStore(operator.store, tenantId);

/** The failures recorded for the run, in words: "2 deliveries so far: the tenant config could not be read (…)". */
const failingText = (failures: DeliveryFailure[]): string => {
  const last = failures.at(-1)!;
  return `failing — ${failures.length} ${failures.length === 1 ? 'delivery' : 'deliveries'} so far: ${describeFailure(last)}`;
};

/** The cause in a "could not be processed" refusal, without the advice around it (abandonStart.ts's notProcessed). */
const causeIn = (message: string): string =>
  message.replace(/^The file could not be processed: /, '').replace(/\. Send the file again[\s\S]*$/, '');

/** Whether the run waits for the tenant: the newest waiting file, or one it supersedes (reported with it). */
const isWaiting = async (operator: Operator, tenantId: string, runId: string): Promise<boolean> => {
  const { next } = await readTenant(operator.store, tenantId);
  return next !== undefined && (next.runId === runId || next.supersededRuns.includes(runId));
};

/** One run as the list shows it; `lockHolder` is the run that holds the tenant (lockHolderOf). */
export const summarizeRun = async (
  operator: Operator,
  tenantId: string,
  runId: string,
  lockHolder: string | undefined,
): Promise<RunSummary> => {
  const { store } = operator;
  const failures = await failedDeliveriesOf(store, tenantId, runId);
  const report = await readJson<SyncReport>(operator, keys.report(tenantId, runId, 'json'));
  if (report) {
    const notProcessed = report.refusal?.code === 'not_processed';
    const configCause = failures.find((f) => f.kind === 'config');
    return {
      runId,
      status: report.refusal ? 'refused' : report.status,
      state: notProcessed
        ? {
            stage: 'not_processed',
            // A bad config is named as such (it is the cause to fix); otherwise the report's own words.
            text: `could not be processed: ${configCause ? describeFailure(configCause) : causeIn(report.refusal!.message)}`,
          }
        : { stage: 'finished', text: `finished: ${report.refusal ? 'refused' : report.status}` },
      file: report.file.name,
      receivedAt: report.file.receivedAt,
      finishedAt: report.file.finishedAt,
      counts: {
        rows: report.counts.rows,
        customers: report.counts.customers,
        sent: report.counts.sent,
        accepted: report.counts.accepted,
        failed: report.counts.failed,
        rejectedRows: report.counts.rejectedRows,
      },
    };
  }
  const manifest = await readRecord(store, keys.manifest(tenantId, runId), RunManifestSchema);
  const claim = await readJson<{ file?: { name: string; receivedAt: string } }>(
    operator,
    keys.startClaim(tenantId, runId),
  );
  const file = manifest?.file ?? claim?.file;
  const finalizing = await store.exists(keys.finalizeClaim(tenantId, runId));
  const dispatched = await store.exists(keys.dispatched(tenantId, runId));
  const status: RunStatus = finalizing
    ? 'finalizing'
    : dispatched
      ? 'in_joor'
      : lockHolder === runId
        ? 'running'
        : 'waiting';
  const finalizeFailures = failures.filter((f) => f.stage === 'finalize');
  const splitFailures = failures.filter((f) => f.stage === 'split');
  const recorded = dispatched && manifest ? (await recordedBatches(store, tenantId, runId)).size : 0;
  const state: RunState =
    finalizeFailures.length > 0
      ? { stage: 'failing', text: failingText(finalizeFailures) }
      : // Every batch recorded: the finalizer has been asked for it (or its dead-letter handler, when it kept failing).
        finalizing || (dispatched && manifest && recorded >= manifest.batches)
        ? { stage: 'finishing', text: 'finishing: the report is being written' }
        : dispatched
          ? await syncingState(store, tenantId, runId, recorded, manifest?.batches)
          : splitFailures.length > 0
            ? { stage: 'failing', text: failingText(splitFailures) }
            : lockHolder !== runId && lockHolder !== undefined && (await isWaiting(operator, tenantId, runId))
              ? { stage: 'waiting', text: `waiting behind ${lockHolder}` }
              : // Not "reading it": a splitter that dies (out of memory, its time-out) records nothing either.
                { stage: 'received', text: 'received: the splitter has recorded nothing yet' };
  return { runId, status, state, file: file?.name ?? '(unknown)', receivedAt: file?.receivedAt ?? '' };
};

/** A run whose batches are out: with the consumer, or (once JOOR took them) waiting on JOOR's jobs. */
const syncingState = async (
  store: Operator['store'],
  tenantId: string,
  runId: string,
  recorded: number,
  batches: number | undefined,
): Promise<RunState> => {
  const progress = `${recorded} of ${batches ?? '?'} batches recorded`;
  const { batches: waiting, checks } = await joorWaitOf(store, tenantId, runId);
  if (waiting.length === 0) return { stage: 'syncing', text: `syncing: ${progress}` };
  const jobIds = waiting.flatMap((b) => b.jobIds).join(', ');
  const since = waiting
    .map((b) => b.postedAt)
    .filter((t) => t !== undefined)
    .sort()[0];
  const look =
    checks && !checks.done
      ? `; next look ${checks.nextCheckAt}${checks.lastAnswer ? ` (JOOR's last answer: ${checks.lastAnswer})` : ''}`
      : '';
  return {
    stage: 'waiting_on_joor',
    text: `waiting on JOOR: ${progress}, ${waiting.length} waiting on JOOR's ${waiting.length === 1 && waiting[0]!.jobIds.length === 1 ? 'job' : 'jobs'} ${jobIds}${since ? ` since ${since}` : ''}${look}`,
  };
};

/**
 * Arrival order, newest first: by the upload's own time (the S3 event's, to the millisecond), ties broken by run id
 * so that the order is the same at every listing. A run id's time has one-second resolution: two uploads in the same
 * second would otherwise list in the order of their hashes.
 */
export const byArrival = (a: RunSummary, b: RunSummary): number =>
  arrivalOf(b.receivedAt) - arrivalOf(a.receivedAt) || b.runId.localeCompare(a.runId);

/** An event time as milliseconds; one without a zone (moto's) is UTC, as S3's are. Unknown times sort last. */
export const arrivalOf = (receivedAt: string): number => {
  const time = Date.parse(/(Z|[+-]\d\d:?\d\d)$/i.test(receivedAt) ? receivedAt : `${receivedAt}Z`);
  return Number.isNaN(time) ? 0 : time;
};

/** The second a run id's time names (`20261127T191900Z`): runs of different seconds keep their ids' order. */
const secondOf = (runId: string): string => runId.split('-')[0]!;

/**
 * The run ids to read for the newest `limit` runs: the first `limit` by id, and those of the same second as the
 * last of them, which may have arrived later within that second.
 */
export const idsForNewest = (idsNewestFirst: string[], limit: number): string[] => {
  let end = Math.min(limit, idsNewestFirst.length);
  const last = idsNewestFirst[end - 1];
  while (last && end < idsNewestFirst.length && secondOf(idsNewestFirst[end]!) === secondOf(last)) end += 1;
  return idsNewestFirst.slice(0, end);
};

/** The end of the second a run id names, in milliseconds: no run arrived later than this, replays included. */
const endOfSecondOf = (runId: string): number => arrivalOf(instantOf(runId)) + 1_000;

/**
 * The newest `limit` runs by arrival, reading runs newest id first. A replay's run arrives as its file did (#32),
 * before its id's time, so it may sort below runs whose ids come after it: runs are read on until none not read
 * yet could arrive after the last one shown (a run arrives no later than the end of its id's second). Without
 * replays, that is the first read.
 */
export const newestByArrival = async (
  idsNewestFirst: string[],
  limit: number,
  read: (ids: string[]) => Promise<RunSummary[]>,
): Promise<RunSummary[]> => {
  const runs: RunSummary[] = [];
  let end = 0;
  for (;;) {
    const upTo = idsForNewest(idsNewestFirst, end + limit).length;
    runs.push(...(await read(idsNewestFirst.slice(end, upTo))));
    end = upTo;
    const shown = [...runs].sort(byArrival).slice(0, limit);
    const next = idsNewestFirst[end];
    const last = shown.at(-1);
    // A run of unknown arrival (no record names it) is taken at its id's time here.
    const lastArrival = last ? arrivalOf(last.receivedAt) || endOfSecondOf(last.runId) : 0;
    if (next === undefined || (shown.length === limit && lastArrival >= endOfSecondOf(next))) return shown;
  }
};

/** `customer-sync runs --tenant <id> [--limit N]`: the tenant's recent runs, newest first (arrival order). */
export const listRuns = async (
  operator: Operator,
  tenantId: string,
  limit = DEFAULT_LIMIT,
): Promise<RunSummary[]> => {
  const lockHolder = await lockHolderOf(operator, tenantId);
  return newestByArrival(await runIdsOf(operator, tenantId), limit, (ids) =>
    Promise.all(ids.map((runId) => summarizeRun(operator, tenantId, runId, lockHolder))),
  );
};

/**
 * A file of the tenant newer than a run's: a run (`runId`) that synced or is on its way to (started, waiting, sending,
 * closed after its batches went out), or a file still in the inbox whose run has not started (no `runId`).
 */
export interface NewerFile {
  runId?: string;
  file: string;
  receivedAt: string;
}

/**
 * A time's second as run ids begin with it (`2026-11-27T19:19:00.5Z` → `20261127T191900`), without the `Z` that
 * runId.ts keeps only when the event time had one (moto's have none), so that the two compare as strings.
 */
const secondStampOf = (receivedAt: string): string =>
  new Date(arrivalOf(receivedAt))
    .toISOString()
    .replace(/[-:]/g, '')
    .replace(/\.\d+Z$/, '');

/**
 * The newest file of the tenant that arrived after `run`'s and synced or is on its way to: replaying `run` after it
 * would send older data over newer. Files are compared by when the file itself arrived (a replay's copy keeps its
 * file's time, #32), strictly: a replay of the same file is not newer. Every newer run counts but one that sent
 * nothing for sure (refused, a dry run, superseded, or closed before a manifest): one started, waiting, or with its
 * batches out counts, manifest or not; so do files in the inbox whose run has not started yet (a replay made a
 * moment ago), so that two replays back to back are ordered as their files are.
 */
export const newerFileThan = async (
  operator: Operator,
  tenantId: string,
  run: RunSummary,
): Promise<NewerFile | undefined> => {
  const since = arrivalOf(run.receivedAt);
  // A run id's time is when its copy arrived, never before its file did: a newer file's run has an id of `run`'s
  // file's second or later.
  const ids = (await runIdsOf(operator, tenantId)).filter(
    (id) => secondOf(id).replace(/Z$/, '') >= secondStampOf(run.receivedAt) && id !== run.runId,
  );
  const lockHolder = await lockHolderOf(operator, tenantId);
  const newer = (await Promise.all(ids.map((id) => summarizeRun(operator, tenantId, id, lockHolder))))
    .filter((other) => arrivalOf(other.receivedAt) > since)
    .sort(byArrival);
  const known = new Set<string>();
  for (const other of newer) {
    const { sentNothing, file } = await whatRunSent(operator, tenantId, other.runId);
    if (file) known.add(versionOf(file));
    if (!sentNothing) return other;
  }
  return newerInInbox(operator, tenantId, since, known);
};

const versionOf = (file: { key: string; versionId?: string }): string =>
  `${file.key}#${file.versionId ?? ''}`;

/** Whether a run surely sent nothing, and its file (to tell it from files still in the inbox). */
const whatRunSent = async (
  operator: Operator,
  tenantId: string,
  runId: string,
): Promise<{ sentNothing: boolean; file?: { key: string; versionId?: string } }> => {
  const { store } = operator;
  const manifest = await readRecord(store, keys.manifest(tenantId, runId), RunManifestSchema);
  // A refused file or a dry run sent nothing; one with a manifest otherwise synced (or was closed while its batches
  // were out: they may have reached JOOR).
  if (manifest)
    return { sentNothing: manifest.refusal !== undefined || manifest.dryRun === true, file: manifest.file };
  const claim = await readJson<{ file?: { key: string; versionId?: string } }>(
    operator,
    keys.startClaim(tenantId, runId),
  );
  // Without a manifest: closed before its splitter wrote one (it has a report), or superseded by a newer file while
  // it waited (that file is the newer one to name); else started or waiting, on its way.
  const sentNothing =
    (await store.exists(keys.report(tenantId, runId, 'json'))) ||
    ((await store.getText(keys.dispatched(tenantId, runId))) ?? '').includes('"supersededBy"');
  return { sentNothing, ...(claim?.file ? { file: claim.file } : {}) };
};

/**
 * The newest file in the tenant's inbox (its home, not a folder) that arrived after `since` and whose run is not
 * among `known`: a run not started yet, or one whose claim is on its way. A replay's copy arrives as its file did.
 */
const newerInInbox = async (
  operator: Operator,
  tenantId: string,
  since: number,
  known: Set<string>,
): Promise<NewerFile | undefined> => {
  const prefix = keys.inbox(tenantId);
  let newest: NewerFile | undefined;
  for await (const page of paginateListObjectsV2(
    { client: operator.s3 },
    { Bucket: operator.platform.bucket, Prefix: prefix, Delimiter: '/' },
  )) {
    for (const object of page.Contents ?? []) {
      const head = await operator.s3
        .send(new HeadObjectCommand({ Bucket: operator.platform.bucket, Key: object.Key! }))
        .catch((error: unknown) => {
          // Archived since the listing: its run has ended, and is among the runs read.
          if ((error as { $metadata?: { httpStatusCode?: number } }).$metadata?.httpStatusCode === 404)
            return undefined;
          throw error;
        });
      if (!head) continue;
      const receivedAt =
        head.Metadata?.[REPLAY_METADATA.receivedAt] ?? object.LastModified?.toISOString() ?? '';
      if (arrivalOf(receivedAt) <= since) continue;
      const { VersionId: versionId } = head;
      if (known.has(versionOf({ key: object.Key!, ...(versionId ? { versionId } : {}) }))) continue;
      if (!newest || arrivalOf(receivedAt) > arrivalOf(newest.receivedAt))
        newest = { file: object.Key!.slice(prefix.length), receivedAt };
    }
  }
  return newest;
};

/** The tenants with runs: one "folder" each under runs/. */
const tenantsWithRuns = async (operator: Operator): Promise<string[]> => {
  const tenants: string[] = [];
  for await (const page of paginateListObjectsV2(
    { client: operator.s3 },
    { Bucket: operator.platform.bucket, Prefix: PREFIXES.runs, Delimiter: '/' },
  )) {
    for (const common of page.CommonPrefixes ?? [])
      tenants.push(common.Prefix!.slice(PREFIXES.runs.length, -1));
  }
  return tenants.sort();
};

/**
 * How long before an alarm's time the event that raised it may have happened: an alarm changes state once the
 * five-minute period its event fell in has been evaluated, a minute or more after that period ends. Two periods.
 */
export const ALARM_LAG_MS = 2 * ALARM_PERIOD_MINUTES * 60_000;

/**
 * How long before `--since` a run closed since then may have arrived: a file whose splitter dies at every delivery
 * reaches the inbox dead-letter queue after five visibility time-outs (7.5 hours), and may have waited behind the
 * run holding its tenant for up to that run's lease (8 hours) first. A day covers both.
 */
export const ARRIVED_WITHIN_MS = 24 * 60 * 60_000;

/**
 * Whether `runs --not-processed --since <time>` lists the run: one failing now, whenever it arrived; one closed as
 * not processed at or after `<time>` less ALARM_LAG_MS, so that the alarm's own time finds the run that raised it
 * (a file's arrival is hours before its close when its deliveries fail: the arrival is not what `--since` bounds).
 */
export const listedAsNotProcessed = (run: RunSummary, since: Date | undefined): boolean =>
  run.state.stage === 'failing' || (run.state.stage === 'not_processed' && endedSince(run, since));

/** Whether the run ended at or after `since` less ALARM_LAG_MS (any time, without `since`). */
const endedSince = (run: RunSummary, since: Date | undefined): boolean =>
  since === undefined || arrivalOf(run.finishedAt ?? '') >= since.getTime() - ALARM_LAG_MS;

/** A run id's time as an ISO instant (`20261127T191900Z` → `2026-11-27T19:19:00Z`). */
const instantOf = (runId: string): string =>
  secondOf(runId).replace(/^(\d{4})(\d{2})(\d{2})T(\d{2})(\d{2})(\d{2})Z?$/, '$1-$2-$3T$4:$5:$6Z');

/** A run some of whose customers a dead-letter handler recorded as not synced: how many, by queue. */
export interface DeadLetteredRun extends RunSummary {
  tenantId: string;
  notSynced: { queue: CustomerDeadLetterQueue; customers: number }[];
}

/** The customers of a finished run that the work or job-check dead-letter handler recorded, by queue. */
const notSyncedOf = async (
  operator: Operator,
  tenantId: string,
  runId: string,
): Promise<DeadLetteredRun['notSynced']> => {
  const report = await readJson<SyncReport>(operator, keys.report(tenantId, runId, 'json'));
  const counts = new Map<CustomerDeadLetterQueue, number>();
  for (const failure of report?.failures ?? []) {
    const queue = deadLetterQueueOf(failure);
    if (queue) counts.set(queue, (counts.get(queue) ?? 0) + 1);
  }
  return [...counts].map(([queue, customers]) => ({ queue, customers }));
};

/**
 * `customer-sync runs --not-processed [--since <time>]`: the runs of every tenant closed as "could not be processed"
 * (since `<time>`, an alarm's: listedAsNotProcessed) or failing on their way there, newest first; and the runs that
 * ended with customers the work or job-check dead-letter handler recorded as not synced (those handlers close no
 * run: the run ends with an Error report), found by the same bound on when they ended. The first step of each
 * dead-letter alarm's runbook section, which are platform-wide. Only the runs that arrived within ARRIVED_WITHIN_MS
 * before `since` are read.
 */
export const listNotProcessed = async (
  operator: Operator,
  since?: Date,
): Promise<{ runs: (RunSummary & { tenantId: string })[]; deadLettered: DeadLetteredRun[] }> => {
  const found: (RunSummary & { tenantId: string })[] = [];
  const deadLettered: DeadLetteredRun[] = [];
  for (const tenantId of await tenantsWithRuns(operator)) {
    const ids = (await runIdsOf(operator, tenantId)).filter(
      (id) => !since || Date.parse(instantOf(id)) >= since.getTime() - ARRIVED_WITHIN_MS,
    );
    const lockHolder = await lockHolderOf(operator, tenantId);
    for (const runId of ids) {
      const run = await summarizeRun(operator, tenantId, runId, lockHolder);
      if (listedAsNotProcessed(run, since)) found.push({ tenantId, ...run });
      else if (run.state.stage === 'finished' && (run.counts?.failed ?? 0) > 0 && endedSince(run, since)) {
        const notSynced = await notSyncedOf(operator, tenantId, runId);
        if (notSynced.length > 0) deadLettered.push({ tenantId, ...run, notSynced });
      }
    }
  }
  return { runs: found.sort(byArrival), deadLettered: deadLettered.sort(byArrival) };
};
