import { randomUUID } from 'node:crypto';
import type { TenantConfig } from '../core/config/index.js';
import type {
  CustomerResult,
  JobStatus,
  JoorClient,
  MessageSender,
  ObjectStore,
} from '../core/ports/index.js';
import { failAll, resultsOfJob, timedOut, verdictOf } from '../core/sending/index.js';
import { batchResultOf, pendingPosts, writePost } from './batchPosts.js';
import { recordResults } from './completion.js';
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
 * Every job's final answer (status and record count) is read before its customers are accepted (readJobs): the
 * newest job is asked first only to know when to read the others. A job JOOR failed, or does not know (404), is
 * posted once more from the batch's record, then failed with JOOR's words; a status JOOR does not document is no
 * failure and is asked again; a 401 that persists after the secret is read again leaves the customers "sent, result
 * unknown"; a 429 or no answer comes back after the wait; a job unfinished after `joor.jobTimeoutHours` fails its
 * customers naming JOOR's last answer.
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
  const pending = await pendingPosts(store, tenantId, runId);
  const joor = pending.length > 0 ? await deps.joorFor(tenantId) : undefined;
  const looked = joor
    ? await readJobs(joor, pending, { tenant, watch, deps, tenantId, runId })
    : { results: [], pending: [], polls: 0 };
  const { results, next } = looked;
  const polls = watch.polls + looked.polls;
  if (looked.pending.length > 0 && next) {
    if (results.length > 0) await recordResults(store, deps.finalizeQueue, tenantId, runId, results);
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
  // The finalizer is asked for whether this check recorded results or an earlier delivery did and died before asking
  // (the results are there, the request is not): the finalizer's claim makes a second request harmless.
  await recordResults(store, deps.finalizeQueue, tenantId, runId, results);
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
  const results = (await pendingPosts(store, tenantId, runId)).map((post) =>
    resultOf(
      post,
      post.jobs.flatMap((job) => failAll(job.customerCodes, RESULT_UNKNOWN, words(job.jobId))),
    ),
  );
  await recordResults(store, deps.finalizeQueue, tenantId, runId, results);
};

interface ReadContext {
  tenant: TenantConfig;
  watch: JobWatch;
  deps: Pick<JobCheckDeps, 'store' | 'remainingMs' | 'now' | 'jobCheckTiming'>;
  tenantId: string;
  runId: string;
}

/**
 * One look at the run's pending batches: every job's final answer (status and record count) is read once before its
 * customers are accepted (SPEC §2.9), and nothing is inferred from another job's answer. JOOR works an account's jobs
 * in order, so with `joor.jobResults: newest` the newest pending batch is asked first and, while it is on its way,
 * no other (they are read once it has its answer, each once); with `each`, every pending batch is asked each time.
 * A batch past `joor.jobTimeoutHours` is always asked, and fails naming JOOR's last answer when it is still not done.
 * JOOR not answering (a 429, or no answer within the retries) ends the look: the next check comes after the wait.
 */
const readJobs = async (
  joor: JoorClient,
  pending: BatchPost[],
  { tenant, watch, deps, tenantId, runId }: ReadContext,
): Promise<{
  results: BatchResult[];
  pending: BatchPost[];
  polls: number;
  next?: { delayMs: number; answer: string };
}> => {
  const timing = timingOf(deps);
  const timeoutMs = tenant.joor.jobTimeoutHours * 3_600_000;
  const now = deps.now().getTime();
  const results: BatchResult[] = [];
  const still: BatchPost[] = [];
  let polls = 0;
  let answer: string | undefined;
  let waitMs: number | undefined;
  let reposted: string | undefined;
  let unauthorized: Extract<JobStatus, { kind: 'unauthorized' }> | undefined;
  let gated = false;
  let silent = false;
  const ordered = newestFirst(pending);
  for (const post of ordered) {
    const overdue = now - Date.parse(post.postedAt ?? watch.since) >= timeoutMs;
    if (unauthorized || silent || (gated && !overdue)) {
      // JOOR did not answer this time: a batch past its time-out fails with what JOOR last said instead.
      if (silent && overdue)
        results.push(resultOf(post, timedOut(post.jobs, hours(timeoutMs), answer ?? 'none')));
      else still.push(post);
      continue;
    }
    const answers: JobStatus[] = [];
    for (const job of post.jobs) {
      const status = await joor.jobStatus(job.jobId, { remainingMs: deps.remainingMs() });
      polls += 1;
      answers.push(status);
      if (status.kind === 'wait' || status.kind === 'unavailable') break;
    }
    const verdict = verdictOf(post.jobs, answers);
    switch (verdict.kind) {
      case 'settled':
        results.push(resultOf(post, verdict.outcomes));
        break;
      case 'post_again': {
        const again = await postAgain(joor, post, verdict.status, deps, tenantId, runId);
        if (again) {
          still.push(again);
          reposted = `posted again after ${verdict.status.kind}`;
        } else results.push(resultOf(post, withHistory(post, verdict.outcomes)));
        break;
      }
      case 'unauthorized':
        unauthorized = verdict.status;
        still.push(post);
        break;
      case 'open':
      case 'unanswered':
        if (verdict.kind === 'unanswered') {
          silent = true;
          waitMs = verdict.waitMs;
        }
        answer ??= verdict.answer;
        if (overdue) results.push(resultOf(post, timedOut(post.jobs, hours(timeoutMs), verdict.answer)));
        else still.push(post);
        // The newest job is not done: by JOOR's order neither are the others, so they are not asked yet.
        if (tenant.joor.jobResults === 'newest' && post === ordered[0]) gated = true;
        break;
    }
  }
  if (unauthorized) {
    // JoorHttp has read the secret again and renewed the token once: the customers went to JOOR, but what became of
    // them cannot be known until the credentials work. Every pending batch ends the same way.
    const status = unauthorized;
    const ended = still.map((post) =>
      resultOf(
        post,
        post.jobs.flatMap((job) => resultsOfJob(job, status)),
      ),
    );
    return { results: [...results, ...ended], pending: [], polls };
  }
  if (still.length === 0) return { results, pending: still, polls };
  const delayMs =
    waitMs !== undefined
      ? Math.max(waitMs, timing.firstMs)
      : reposted
        ? timing.firstMs
        : Math.min(watch.intervalMs * 2, timing.maxMs);
  return {
    results,
    pending: still,
    polls,
    next: { delayMs, answer: reposted ?? answer ?? watch.lastAnswer ?? 'none' },
  };
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

/** The customers of a batch whose job ended badly, not posted again: the earlier job's story added to JOOR's words. */
const withHistory = (post: BatchPost, outcomes: CustomerResult[]): CustomerResult[] => {
  const before = post.history
    .map((h) => `job ${h.jobId} ${h.outcome}${h.words ? `: ${h.words}` : ''}`)
    .join('; ');
  return outcomes.map((result) =>
    result.status === 'failed' && before
      ? { ...result, message: `${result.message} (posted twice; earlier ${before})` }
      : result,
  );
};

/** A batch's result from its post (the customers JOOR refused at once) and what its jobs came to. */
const resultOf = (post: BatchPost, outcomes: CustomerResult[]): BatchResult =>
  batchResultOf(post.batch, post.failures, outcomes);

const lastJobId = (post: BatchPost): number => Math.max(...post.jobs.map((job) => job.jobId));
/** JOOR numbers jobs as it receives them: the batch with the highest job id holds the newest job. */
const newestFirst = (posts: BatchPost[]): BatchPost[] =>
  [...posts].sort((a, b) => lastJobId(b) - lastJobId(a));
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
