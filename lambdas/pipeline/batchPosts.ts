import type { CustomerResult, ObjectStore } from '../core/ports/index.js';
import type { CustomerFailure } from '../core/reporting/index.js';
import { keys } from './keys.js';
import { readRecord } from './readRecord.js';
import type { BatchPost, BatchResult } from './runTypes.js';
import { BatchPostSchema, BatchResultSchema } from './schemas.js';

/** A batch's post record, or undefined when no delivery has reached JOOR with it yet. */
export const readPost = (
  store: ObjectStore,
  tenantId: string,
  runId: string,
  batch: number,
): Promise<BatchPost | undefined> => readRecord(store, keys.post(tenantId, runId, batch), BatchPostSchema);

/** Writes a batch's post record whole (the last writer's view of the batch stands). */
export const writePost = (store: ObjectStore, tenantId: string, runId: string, post: BatchPost) =>
  store.putText(keys.post(tenantId, runId, post.batch), JSON.stringify(post), {
    contentType: 'application/json',
  });

/** A post record for a batch not yet posted. */
export const unposted = (batch: number): BatchPost => ({
  batch,
  jobs: [],
  customers: [],
  failures: [],
  posts: 0,
  waits: 0,
  failedDeliveries: 0,
  history: [],
});

/** The batch numbers of the run that have a recorded result. */
export const recordedBatches = async (
  store: ObjectStore,
  tenantId: string,
  runId: string,
): Promise<Set<number>> => new Set((await store.list(keys.resultsPrefix(tenantId, runId))).map(batchOfKey));

/** The run's recorded batch results, in batch order. */
export const readResults = async (
  store: ObjectStore,
  tenantId: string,
  runId: string,
): Promise<BatchResult[]> => {
  const read = await Promise.all(
    (await store.list(keys.resultsPrefix(tenantId, runId))).map((key) =>
      readRecord(store, key, BatchResultSchema),
    ),
  );
  // A result is written once and never removed while its run lives; one erased since the listing is left out.
  return read.filter((result) => result !== undefined).sort((a, b) => a.batch - b.batch);
};

/**
 * The run's batches that JOOR has jobs for and that have no result yet: what the job checks wait on. Posts whose
 * jobs were refused whole or that never reached JOOR are not among them.
 */
export const pendingPosts = async (
  store: ObjectStore,
  tenantId: string,
  runId: string,
): Promise<BatchPost[]> => {
  const recorded = await recordedBatches(store, tenantId, runId);
  const postKeys = (await store.list(keys.postsPrefix(tenantId, runId))).filter(
    (key) => !recorded.has(batchOfKey(key)),
  );
  const posts = await Promise.all(postKeys.map((key) => readRecord(store, key, BatchPostSchema)));
  return posts.filter((post): post is BatchPost => post !== undefined && post.jobs.length > 0);
};

const batchOfKey = (key: string): number => Number(key.slice(key.lastIndexOf('/') + 1).replace('.json', ''));

/** A batch's result: the customers JOOR refused when they were posted, and what its jobs came to. */
export const batchResultOf = (
  batch: number,
  refusedAtPost: CustomerFailure[],
  outcomes: CustomerResult[],
): BatchResult => ({
  batch,
  accepted: outcomes.flatMap((r) => (r.status === 'accepted' ? [r.customerCode] : [])),
  failures: [
    ...refusedAtPost,
    ...outcomes.flatMap((r) =>
      r.status === 'failed' ? [{ customerCode: r.customerCode, code: r.code, message: r.message }] : [],
    ),
  ],
});
