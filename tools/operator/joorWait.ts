import type { ObjectStore } from '../../lambdas/core/ports/index.js';
import { JobWatchSchema, keys, pendingPosts, readRecord } from '../../lambdas/pipeline/index.js';

/** What of a run is waiting on JOOR: each batch JOOR has a job for and no result yet, and the run's job checks. */
export interface JoorWait {
  batches: { batch: number; jobIds: number[]; postedAt?: string; posts: number }[];
  /** The run's chain of job checks: since when it waits, reads spent, the next look, JOOR's last answer. */
  checks?: { since: string; polls: number; nextCheckAt: string; lastAnswer?: string; done: boolean };
}

/**
 * The batches of a run that wait on JOOR's jobs, with their job ids and since when (`run` shows them; issue #20), read
 * from the post records the consumer writes and the job watcher's record.
 */
export const joorWaitOf = async (store: ObjectStore, tenantId: string, runId: string): Promise<JoorWait> => {
  const posts = await pendingPosts(store, tenantId, runId);
  const watch = await readRecord(store, keys.jobWatch(tenantId, runId), JobWatchSchema);
  return {
    batches: posts
      .sort((a, b) => a.batch - b.batch)
      .map((post) => ({
        batch: post.batch,
        jobIds: post.jobs.map((job) => job.jobId),
        ...(post.postedAt ? { postedAt: post.postedAt } : {}),
        posts: post.posts,
      })),
    ...(watch
      ? {
          checks: {
            since: watch.since,
            polls: watch.polls,
            nextCheckAt: watch.checkAt,
            ...(watch.lastAnswer ? { lastAnswer: watch.lastAnswer } : {}),
            done: watch.done === true,
          },
        }
      : {}),
  };
};
