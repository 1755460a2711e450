import { setTimeout as sleepFor } from 'node:timers/promises';
import type { TenantConfig } from '../core/config/index.js';
import { CustomerSyncError } from '../core/index.js';
import type { JoorClient, MessageSender, ObjectStore, PostOutcome } from '../core/ports/index.js';
import { nextAfterUnreadable, resultsOfJob, unreadableFailures } from '../core/sending/index.js';
import { batchResultOf, readPost, unposted, writePost } from './batchPosts.js';
import { checkCompletion, recordResults } from './completion.js';
import { DELIVERY_EXHAUSTED } from './deadLettered.js';
import { type JobCheckTiming, startJobChecks } from './jobChecks.js';
import { keys } from './keys.js';
import type { BatchMessage, BatchPost, BatchResult } from './runTypes.js';

/** A batch JOOR could not be reached for within the retries: thrown so that SQS delivers it again. */
export class BatchNotFinished extends CustomerSyncError {
  override name = 'BatchNotFinished';
  readonly code = 'come_back_later';
}

export interface ProcessBatchDeps {
  store: ObjectStore;
  finalizeQueue: MessageSender;
  jobsQueue: MessageSender;
  joorFor: (tenantId: string) => Promise<JoorClient>;
  /** Read only when a post was answered with something that is not JOOR's (`joor.unreadablePostTries`). */
  loadTenant: (tenantId: string) => Promise<TenantConfig>;
  remainingMs: () => number;
  now: () => Date;
  jobCheckTiming?: JobCheckTiming;
  /** The back-off between posts answered by something that is not JOOR (real time unless a test says). */
  sleep?: (ms: number) => Promise<void>;
}

/**
 * What the consumer made of a delivery: `posted` (JOOR has the batch; its job is checked later), `recorded` (a result
 * without a job: JOOR refused every customer), `resumed` (an earlier delivery posted it), `already_recorded`, or
 * `{ deferMs }`: JOOR's credits (or a 429) say to come back later, and the batch is handed back to the queue for that
 * long without being posted.
 */
export type BatchOutcome = 'posted' | 'recorded' | 'resumed' | 'already_recorded' | { deferMs: number };

/**
 * The consumer's work for one batch (SPEC §2.6, §2.9): post its customers to JOOR once, record the jobs JOOR started,
 * and leave the waiting to the job checks (lambdas/pipeline/jobChecks.ts), outside this function.
 *
 * Every step is safe to repeat (SQS delivers at least once; the function may die between any two calls):
 * - a batch whose result is recorded is not sent again: only the completion check is repeated;
 * - a batch whose post is recorded is never posted again by a delivery: it resumes from the record (the job checks
 *   are started again if it is the run's last batch, which makes the newest check the live one);
 * - a delivery that dies after JOOR answered the post and before the record posts the batch again on the next
 *   delivery: harmless, JOOR's bulk connection API upserts by customer_code (one more job, five more credits);
 * - two deliveries at once (a visibility time-out passing while the first still works) may both post, for the same
 *   reason harmless; the FIFO group and a visibility of six function time-outs make it rare;
 * - the result is a conditional write: the first one recorded stands (a dead-letter handler's, or a job check's);
 * - a post answered with something that is not JOOR's is counted in the post record before the next try: a delivery
 *   goes on from the count, and one that finds the tries spent records the failure without posting.
 */
export const processBatch = async (message: BatchMessage, deps: ProcessBatchDeps): Promise<BatchOutcome> => {
  const { store } = deps;
  const { tenantId, runId, batch } = message;
  if ((await store.getText(keys.result(tenantId, runId, batch))) !== undefined) {
    // Recorded by an earlier delivery that died before deleting the message: the completion check is left, and the
    // job checks when it was the run's last batch (the delivery may have died before starting them).
    await checkCompletion(store, deps.finalizeQueue, tenantId, runId);
    if (isLastBatch(message)) await startJobChecks(deps, tenantId, runId);
    return 'already_recorded';
  }
  let post = (await readPost(store, tenantId, runId, batch)) ?? unposted(batch);
  if (post.jobs.length > 0) {
    if (isLastBatch(message)) await startJobChecks(deps, tenantId, runId);
    return 'resumed';
  }
  const now = deps.now().getTime();
  const notBefore = post.notBefore ? Date.parse(post.notBefore) : 0;
  if (notBefore > now) return { deferMs: notBefore - now };

  const tried = await postUntilReadable(message, post, deps);
  if (tried.kind === 'gave_up') {
    await recordResults(store, deps.finalizeQueue, tenantId, runId, [tried.result]);
    if (isLastBatch(message)) await startJobChecks(deps, tenantId, runId);
    return 'recorded';
  }
  // The record as the tries left it (their count kept by whatever is written next).
  post = tried.post;
  const outcome = tried.outcome;
  if (outcome.kind === 'wait') {
    // Recorded, so that whichever delivery comes next waits instead of posting (JOOR asked for it, or its credits).
    await writePost(store, tenantId, runId, {
      ...post,
      waits: post.waits + 1,
      notBefore: new Date(now + outcome.ms).toISOString(),
      lastError: outcome.reason,
    });
    return { deferMs: outcome.ms };
  }
  if (outcome.kind === 'unfinished') {
    // The cause travels with the batch: the dead-letter handler reports it, with the deliveries that really failed.
    await writePost(store, tenantId, runId, {
      ...post,
      failedDeliveries: post.failedDeliveries + 1,
      lastError: outcome.reason,
    });
    throw new BatchNotFinished(`Batch ${batch} of run ${runId}: ${outcome.reason}`);
  }
  const failures = outcome.failures.map(({ customerCode, code, message: words }) => ({
    customerCode,
    code,
    message: words,
  }));
  if (outcome.jobs.every((job) => job.finished)) {
    // JOOR refused every customer, or its answer already said the jobs were finished: nothing to wait for.
    const outcomes = outcome.jobs.flatMap((job) =>
      resultsOfJob(job, { kind: 'finished', jobId: job.jobId, ...job.finished }),
    );
    await recordResults(store, deps.finalizeQueue, tenantId, runId, [
      batchResultOf(batch, failures, outcomes),
    ]);
    if (isLastBatch(message)) await startJobChecks(deps, tenantId, runId);
    return 'recorded';
  }
  const posted: BatchPost = {
    ...post,
    jobs: outcome.jobs.map(({ jobId, customerCodes }) => ({ jobId, customerCodes })),
    postedAt: new Date(now).toISOString(),
    customers: message.customers,
    failures,
    posts: post.posts + 1,
  };
  delete posted.notBefore;
  await writePost(store, tenantId, runId, posted);
  if (isLastBatch(message)) await startJobChecks(deps, tenantId, runId);
  return 'posted';
};

/**
 * Posts the batch, again after an answer that is not JOOR's (an HTML page with HTTP 200), with a growing wait, up to
 * the tenant's `joor.unreadablePostTries` posts in all; then its customers fail quoting the answer (`gave_up`). Each
 * such answer is counted in the batch's post record before the wait: a later delivery (this one ran out of time, or
 * died) goes on from the count instead of posting again blindly, and one that finds the tries spent posts nothing.
 * A post JOOR may have taken is harmless to repeat (JOOR upserts by customer code).
 */
const postUntilReadable = async (
  message: BatchMessage,
  post: BatchPost,
  deps: ProcessBatchDeps,
): Promise<
  | { kind: 'outcome'; outcome: Exclude<PostOutcome, { kind: 'unreadable' }>; post: BatchPost }
  | { kind: 'gave_up'; result: BatchResult }
> => {
  const { tenantId, runId, batch } = message;
  const limit = async () => (await deps.loadTenant(tenantId)).joor.unreadablePostTries;
  const gaveUp = (tries: number, lastAnswer: string) => ({
    kind: 'gave_up' as const,
    result: batchResultOf(
      batch,
      [],
      unreadableFailures(
        message.customers.map((c) => c.customerCode),
        tries,
        lastAnswer,
      ),
    ),
  });
  let record = post;
  const earlier = record.unreadablePosts ?? 0;
  if (earlier > 0 && earlier >= (await limit())) return gaveUp(earlier, record.lastError ?? 'not recorded');
  const joor = await deps.joorFor(tenantId);
  for (;;) {
    const outcome = await joor.postCustomers(message.customers, { remainingMs: deps.remainingMs() });
    if (outcome.kind !== 'unreadable') return { kind: 'outcome', outcome, post: record };
    const tries = (record.unreadablePosts ?? 0) + 1;
    const next = nextAfterUnreadable(tries, await limit(), deps.remainingMs());
    record = {
      ...record,
      unreadablePosts: tries,
      lastError: outcome.reason,
      ...(next.kind === 'later' ? { failedDeliveries: record.failedDeliveries + 1 } : {}),
    };
    await writePost(deps.store, tenantId, runId, record);
    if (next.kind === 'fail') return gaveUp(tries, outcome.reason);
    if (next.kind === 'later')
      throw new BatchNotFinished(
        `Batch ${batch} of run ${runId}: ${outcome.reason}; posted again on its next delivery`,
      );
    await (deps.sleep ?? sleepFor)(next.waitMs);
  }
};

/**
 * Whether this is the run's last batch: the FIFO group hands a tenant's batches over in order, so every earlier batch
 * has been posted, recorded or dead-lettered. A message from before `batches` was sent counts as the last one (its
 * job checks are started with every post: more reads, never a run left waiting).
 */
const isLastBatch = (message: BatchMessage): boolean =>
  message.batches === undefined || message.batch === message.batches - 1;

/**
 * A batch that exhausted its receives (SPEC §2.6): its customers are reported as failed, never forgotten, with the
 * cause the consumer recorded and the deliveries that really failed. Its job checks start when it was the run's last.
 */
export const recordDeadLetter = async (
  message: BatchMessage,
  deps: Pick<ProcessBatchDeps, 'store' | 'finalizeQueue' | 'jobsQueue' | 'now' | 'jobCheckTiming'>,
  receives: string,
): Promise<void> => {
  const { tenantId, runId } = message;
  const post = await readPost(deps.store, tenantId, runId, message.batch);
  if (post && post.jobs.length > 0) {
    // JOOR has the batch: its job checks tell what became of it, not this handler.
    if (isLastBatch(message)) await startJobChecks(deps, tenantId, runId);
    return;
  }
  const result: BatchResult = {
    batch: message.batch,
    accepted: [],
    failures: message.customers.map((c) => ({
      customerCode: c.customerCode,
      code: DELIVERY_EXHAUSTED,
      message: `Not synced: the batch could not be sent to JOOR (${deliveriesOf(post, receives)}); it is sent again with the next file`,
    })),
  };
  await recordResults(deps.store, deps.finalizeQueue, tenantId, runId, [result]);
  if (isLastBatch(message)) await startJobChecks(deps, tenantId, runId);
};

/** The deliveries that failed and why, as the consumer recorded them; SQS's own receive count when it recorded none. */
const deliveriesOf = (post: BatchPost | undefined, receives: string): string => {
  if (!post || post.failedDeliveries + post.waits === 0) return `${receives}, none of them recorded a cause`;
  const parts = [
    `${post.failedDeliveries} ${post.failedDeliveries === 1 ? 'delivery' : 'deliveries'} to the consumer failed`,
    ...(post.waits > 0 ? [`${post.waits} waited for JOOR's credits`] : []),
  ];
  return `${parts.join(', ')}; last: ${post.lastError ?? 'no cause recorded'}`;
};
