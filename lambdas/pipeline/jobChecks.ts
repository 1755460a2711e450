import { randomUUID } from 'node:crypto';
import type { TenantConfig } from '../core/config/index.js';
import type {
  CustomerResult,
  JobStatus,
  JoorClient,
  MessageSender,
  ObjectStore,
} from '../core/ports/index.js';
import { failAll, type ResolvedJobStatus, resultsOfJob } from '../core/sending/index.js';
import { batchResultOf, pendingPosts, writePost } from './batchPosts.js';
import { checkCompletion } from './completion.js';
import { JOB_CHECKS_EXHAUSTED, RESULT_UNKNOWN } from './deadLettered.js';
import { keys } from './keys.js';
import { parseRecord } from './parseRecord.js';
import type { BatchPost, BatchResult, JobCheckMessage, JobWatch } from './runTypes.js';
import { JobWatchSchema } from './schemas.js';

/**
 * How often JOOR is asked about a run's jobs: seconds at first, then twice as long after each answer that the job is
 * still on its way, up to 15 minutes (SQS's longest message delay), as JOOR asks integrators not to poll constantly.
 */
export interface JobCheckTiming {
  firstMs: number;
  maxMs: number;
}

export const DEFAULT_JOB_CHECK_TIMING: JobCheckTiming = { firstMs: 10_000, maxMs: 900_000 };

/** Posts of a batch at most: a second one only after JOOR failed or lost the first job, where posting may help. */
export const MAX_POSTS = 2;

export interface JobCheckDeps {
  store: ObjectStore;
  finalizeQueue: MessageSender;
  /** The job-check queue (standard, so that each check can be delayed). */
  jobsQueue: MessageSender;
  joorFor: (tenantId: string) => Promise<JoorClient>;
  loadTenant: (tenantId: string) => Promise<TenantConfig>;
  remainingMs: () => number;
  now: () => Date;
  jobCheckTiming?: JobCheckTiming;
}

const timingOf = (deps: Pick<JobCheckDeps, 'jobCheckTiming'>) =>
  deps.jobCheckTiming ?? DEFAULT_JOB_CHECK_TIMING;

/**
 * Starts (or restarts) the run's job checks: a check message delayed by the first interval, then its token written
 * as the live one. Called when the run's last batch has been handled by the consumer (posted, refused or
 * dead-lettered): before that, the run cannot end, and a look at JOOR would cost credits for nothing. Safe to repeat,
 * and to run beside itself (two deliveries of the last batch at once): it schedules as a check does (scheduleCheck),
 * following the live check or, for a run with none yet, no check at all, so of starts and checks that read the same
 * watch one writes and one chain goes on; one that dies after sending leaves its message live. A run whose checks
 * are done is not started again.
 */
export const startJobChecks = async (
  deps: Pick<JobCheckDeps, 'store' | 'jobsQueue' | 'now' | 'jobCheckTiming'>,
  tenantId: string,
  runId: string,
): Promise<void> => {
  const previous = await readWatch(deps.store, tenantId, runId);
  if (previous?.watch.done) return;
  await scheduleCheck(
    deps,
    { tenantId, runId, follows: previous?.watch.token },
    previous?.tag,
    timingOf(deps).firstMs,
    { since: previous?.watch.since ?? deps.now().toISOString(), polls: previous?.watch.polls ?? 0 },
  );
};

export type JobCheckOutcome = 'stale' | 'done' | 'waiting';

/**
 * One look at the run's jobs in JOOR (SPEC §2.9), from a delayed message of the job-check queue.
 *
 * JOOR processes an account's jobs in the order received, so the newest job of the run is asked for first: once it
 * is finished, the earlier ones are done too (with `joor.jobResults: each`, each of them is still read once for its
 * count). A job JOOR failed, or does not know (404), is posted once more from the batch's record, then failed with
 * JOOR's words; a 401 that persists after the secret is read again leaves the customers "sent, result unknown"; a
 * 429 or no answer comes back after the wait; a job unfinished after `joor.jobTimeoutHours` fails its customers.
 *
 * Every step is safe to repeat (SQS delivers at least once; the function may die between any two calls):
 * - a message whose token is not the live one is stale and does nothing: at most one chain of checks per run;
 * - results are conditional writes (the first recorded stands) and a batch with a result is no longer looked at;
 * - a second post is recorded in the batch's record before the next check is scheduled: a check that dies after
 *   the post and before the record posts once more at worst (JOOR upserts by customer code), never a third time;
 * - the next check's message is sent before its token is written, and names the check it follows (`after`): a
 *   message is live when the watch holds its token or the token of the check it follows, so a check that dies
 *   between the send and the write leaves its successor live, and a successor that arrives before the write is
 *   live too. The write is conditional on the watch this check read: of two checks that read the same watch (two
 *   deliveries at once, or a check and its early successor), one writes and the other's message goes stale, so
 *   one chain of checks goes on.
 */
export const checkJobs = async (message: JobCheckMessage, deps: JobCheckDeps): Promise<JobCheckOutcome> => {
  const { store } = deps;
  const { tenantId, runId } = message;
  const read = await readWatch(store, tenantId, runId);
  if (!isLive(message, read?.watch) || read?.watch.done) return 'stale';
  // A run's first check whose start died before writing its token has no watch yet: it starts the watch itself.
  const tag = read?.tag;
  const watch: JobWatch = read?.watch ?? {
    token: message.token,
    ...dueIn(deps, timingOf(deps).firstMs),
    since: deps.now().toISOString(),
    polls: 0,
  };
  const tenant = await deps.loadTenant(tenantId);
  let pending = await pendingPosts(store, tenantId, runId);
  const results: BatchResult[] = [];
  const timeoutMs = tenant.joor.jobTimeoutHours * 3_600_000;
  const now = deps.now();
  for (const post of pending) {
    if (now.getTime() - Date.parse(post.postedAt ?? watch.since) < timeoutMs) continue;
    const words = `JOOR's job ${jobIdsOf(post)} was not finished after ${hours(timeoutMs)} (last answer: ${watch.lastAnswer ?? 'none'}); it is sent again with the next file`;
    results.push(
      resultOf(
        post,
        post.jobs.flatMap((job) => failAll(job.customerCodes, 'job_timeout', words)),
      ),
    );
  }
  pending = pending.filter((post) => !results.some((r) => r.batch === post.batch));

  let polls = watch.polls;
  let next: { delayMs: number; answer: string } | undefined;
  const joor = pending.length > 0 ? await deps.joorFor(tenantId) : undefined;
  while (joor && pending.length > 0 && next === undefined) {
    const newest = pending.reduce((a, b) => (lastJobId(b) > lastJobId(a) ? b : a));
    const status = await joor.jobStatus(lastJobId(newest), { remainingMs: deps.remainingMs() });
    polls += 1;
    switch (status.kind) {
      case 'running':
        next = {
          delayMs: Math.min(watch.intervalMs * 2, timingOf(deps).maxMs),
          answer: `"${status.status}"`,
        };
        break;
      case 'wait':
        next = { delayMs: Math.max(status.ms, timingOf(deps).firstMs), answer: status.reason };
        break;
      case 'unavailable':
        next = { delayMs: Math.min(watch.intervalMs * 2, timingOf(deps).maxMs), answer: status.words };
        break;
      case 'finished': {
        const done = await finishedInOrder(joor, pending, newest, status, tenant, deps);
        polls += done.reads;
        results.push(...done.results);
        pending = done.unresolved;
        break;
      }
      case 'unauthorized':
        // JoorHttp has read the secret again and renewed the token once: the customers went to JOOR, but what became
        // of them cannot be known until the credentials work. Every pending batch ends the same way.
        results.push(
          ...pending.map((post) =>
            resultOf(
              post,
              post.jobs.flatMap((job) => resultsOfJob(job, status)),
            ),
          ),
        );
        pending = [];
        break;
      case 'failed':
      case 'lost': {
        const reposted = await postAgain(joor, newest, status, deps, tenantId, runId);
        if (reposted) pending = pending.map((post) => (post.batch === reposted.batch ? reposted : post));
        else {
          results.push(resultOf(newest, jobOutcomes(newest, status)));
          pending = pending.filter((post) => post.batch !== newest.batch);
        }
        if (reposted) next = { delayMs: timingOf(deps).firstMs, answer: `posted again after ${status.kind}` };
        break;
      }
    }
  }
  for (const result of results)
    await store.putText(keys.result(tenantId, runId, result.batch), JSON.stringify(result), {
      ifAbsent: true,
      contentType: 'application/json',
    });
  if (pending.length > 0 && next) {
    if (results.length > 0) await checkCompletion(store, deps.finalizeQueue, tenantId, runId);
    const scheduled = await scheduleCheck(
      deps,
      { tenantId, runId, follows: message.token },
      tag,
      next.delayMs,
      {
        since: watch.since,
        polls,
        lastAnswer: next.answer,
      },
    );
    return scheduled === 'written' ? 'waiting' : 'stale';
  }
  // Asked for whether this check recorded results or an earlier delivery did and died before asking (the results
  // are there, the request is not): the finalizer's claim makes a second request harmless.
  await checkCompletion(store, deps.finalizeQueue, tenantId, runId);
  // Conditional: a check that wrote since this one read goes on, and finds nothing pending when it comes.
  await writeWatch(store, tenantId, runId, { ...watch, polls, done: true }, tag);
  return 'done';
};

/**
 * The job-check queue's dead-letter work: checks that failed on every delivery (S3 or the function itself, not
 * JOOR's answers, which a check records) leave the run's pending batches "sent, result unknown", so the run ends.
 */
export const abandonJobChecks = async (
  message: JobCheckMessage,
  deps: Pick<JobCheckDeps, 'store' | 'finalizeQueue'>,
  reason: string,
): Promise<void> => {
  const { store } = deps;
  const { tenantId, runId } = message;
  const read = await readWatch(store, tenantId, runId);
  if (read && !isLive(message, read.watch)) return;
  // The job's id in the words: `run` shows them, and the operator can ask JOOR about it.
  const words = (jobId: number) =>
    `Sent to JOOR (job ${jobId}), ${JOB_CHECKS_EXHAUSTED} (${reason}); it is sent again with the next file`;
  for (const post of await pendingPosts(store, tenantId, runId)) {
    const result = resultOf(
      post,
      post.jobs.flatMap((job) => failAll(job.customerCodes, RESULT_UNKNOWN, words(job.jobId))),
    );
    await store.putText(keys.result(tenantId, runId, post.batch), JSON.stringify(result), {
      ifAbsent: true,
      contentType: 'application/json',
    });
  }
  await checkCompletion(store, deps.finalizeQueue, tenantId, runId);
};

/**
 * The newest job finished: JOOR processes an account's jobs in order, so the earlier ones of the run are done as well.
 * With `jobResults: newest` they are taken as finished with all their records (no read); with `each`, each is read
 * once for its status and count (one read per job), and one still running (against the documented order) stays.
 */
const finishedInOrder = async (
  joor: JoorClient,
  pending: BatchPost[],
  newest: BatchPost,
  status: Extract<JobStatus, { kind: 'finished' }>,
  tenant: TenantConfig,
  deps: Pick<JobCheckDeps, 'remainingMs'>,
): Promise<{ results: BatchResult[]; unresolved: BatchPost[]; reads: number }> => {
  const newestId = lastJobId(newest);
  const results: BatchResult[] = [];
  const unresolved: BatchPost[] = [];
  let reads = 0;
  for (const post of pending) {
    const outcomes: CustomerResult[] = [];
    let open = false;
    for (const job of post.jobs) {
      if (job.jobId === newestId) outcomes.push(...resultsOfJob(job, status));
      else if (tenant.joor.jobResults === 'newest')
        outcomes.push(...resultsOfJob(job, { kind: 'finished', jobId: job.jobId }));
      else {
        const own = await joor.jobStatus(job.jobId, { remainingMs: deps.remainingMs() });
        reads += 1;
        if (own.kind === 'running' || own.kind === 'wait' || own.kind === 'unavailable') open = true;
        else outcomes.push(...resultsOfJob(job, own));
      }
    }
    if (open) unresolved.push(post);
    else results.push(resultOf(post, outcomes));
  }
  return { results, unresolved, reads };
};

/** A batch whose job JOOR failed or lost is posted once more, where that may help; undefined when it is not. */
const postAgain = async (
  joor: JoorClient,
  post: BatchPost,
  status: Extract<JobStatus, { kind: 'failed' | 'lost' }>,
  deps: Pick<JobCheckDeps, 'store' | 'remainingMs' | 'now'>,
  tenantId: string,
  runId: string,
): Promise<BatchPost | undefined> => {
  if (post.posts >= MAX_POSTS || post.customers.length === 0) return undefined;
  const at = deps.now().toISOString();
  const history = [
    ...post.history,
    {
      jobId: status.jobId,
      outcome: status.kind === 'lost' ? 'lost (404)' : status.status,
      words: status.words,
      at,
    },
  ];
  const pendingCodes = new Set(post.jobs.flatMap((job) => job.customerCodes));
  const outcome = await joor.postCustomers(
    post.customers.filter((c) => pendingCodes.has(c.customerCode)),
    { remainingMs: deps.remainingMs() },
  );
  if (outcome.kind !== 'posted' || outcome.jobs.length === 0) {
    // Recorded so that the failure says what happened to the second post too.
    const why = outcome.kind === 'posted' ? 'JOOR refused it' : outcome.reason;
    await writePost(deps.store, tenantId, runId, {
      ...post,
      posts: MAX_POSTS,
      history: [...history, { jobId: status.jobId, outcome: 'not posted again', words: why, at }],
    });
    return undefined;
  }
  const reposted: BatchPost = {
    ...post,
    jobs: outcome.jobs,
    postedAt: at,
    posts: post.posts + 1,
    failures: [
      ...post.failures,
      ...outcome.failures.map(({ customerCode, code, message }) => ({ customerCode, code, message })),
    ],
    history,
  };
  await writePost(deps.store, tenantId, runId, reposted);
  return reposted;
};

/** The customers of a batch whose job ended badly: failed with JOOR's words, the earlier job's story included. */
const jobOutcomes = (post: BatchPost, status: ResolvedJobStatus): CustomerResult[] => {
  const before = post.history
    .map((h) => `job ${h.jobId} ${h.outcome}${h.words ? `: ${h.words}` : ''}`)
    .join('; ');
  return post.jobs.flatMap((job) =>
    resultsOfJob(job, status).map((result) =>
      result.status === 'failed' && before
        ? { ...result, message: `${result.message} (posted twice; earlier ${before})` }
        : result,
    ),
  );
};

/** A batch's result from its post (the customers JOOR refused at once) and what its jobs came to. */
const resultOf = (post: BatchPost, outcomes: CustomerResult[]): BatchResult =>
  batchResultOf(post.batch, post.failures, outcomes);

const lastJobId = (post: BatchPost): number => Math.max(...post.jobs.map((job) => job.jobId));
const jobIdsOf = (post: BatchPost): string => post.jobs.map((job) => job.jobId).join(', ');
const hours = (ms: number): string => {
  const h = ms / 3_600_000;
  return h >= 1 ? `${Number(h.toFixed(2))} hours` : `${Math.round(ms / 1000)} seconds`;
};

/**
 * Whether a check message is the run's live one: the watch holds its token, or still the token of the check it
 * follows (its sender died before writing, or has not written yet); a run's first check is live while the run has
 * no watch at all.
 */
const isLive = (message: JobCheckMessage, watch: JobWatch | undefined): boolean =>
  watch === undefined
    ? message.after === undefined
    : watch.token === message.token || (message.after !== undefined && watch.token === message.after);

const readWatch = async (store: ObjectStore, tenantId: string, runId: string) => {
  const key = keys.jobWatch(tenantId, runId);
  const tagged = await store.getTagged(key);
  return tagged && { watch: parseRecord(JobWatchSchema, tagged.text, key), tag: tagged.tag };
};

/**
 * Writes the watch over the one read with `tag`, or where there was none (`exists` when another check or start wrote
 * since).
 */
const writeWatch = (
  store: ObjectStore,
  tenantId: string,
  runId: string,
  watch: JobWatch,
  tag: string | undefined,
) =>
  store.putText(keys.jobWatch(tenantId, runId), JSON.stringify(watch), {
    contentType: 'application/json',
    ...(tag === undefined ? { ifAbsent: true } : { ifMatch: tag }),
  });

const dueIn = (deps: Pick<JobCheckDeps, 'now'>, delayMs: number) => ({
  checkAt: new Date(deps.now().getTime() + delayMs).toISOString(),
  intervalMs: delayMs,
});

/** Sends a check message, delayed (SQS's delay is at most 15 minutes). */
const sendCheck = (deps: Pick<JobCheckDeps, 'jobsQueue'>, message: JobCheckMessage, delayMs: number) =>
  deps.jobsQueue.send([
    { body: JSON.stringify(message satisfies JobCheckMessage), delaySeconds: Math.ceil(delayMs / 1000) },
  ]);

/**
 * Schedules the check that follows `follows` (the live check, or none for a run's first): its message first, naming
 * the check it follows, then its token, written over the watch read with `tag` (see checkJobs for why in this order,
 * and why conditional).
 */
const scheduleCheck = async (
  deps: Pick<JobCheckDeps, 'store' | 'jobsQueue' | 'now'>,
  at: { tenantId: string; runId: string; follows: string | undefined },
  tag: string | undefined,
  delayMs: number,
  carried: { since: string; polls: number; lastAnswer?: string },
) => {
  const { tenantId, runId, follows } = at;
  const token = randomUUID();
  const message: JobCheckMessage = { type: 'job-check', tenantId, runId, token };
  if (follows !== undefined) message.after = follows;
  await sendCheck(deps, message, delayMs);
  return writeWatch(deps.store, tenantId, runId, { token, ...dueIn(deps, delayMs), ...carried }, tag);
};
