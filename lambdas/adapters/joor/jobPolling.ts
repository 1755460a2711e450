import { setTimeout as sleep } from 'node:timers/promises';

/** How sparingly a job is asked for: each look costs a credit, and a job is seldom done at once. */
export interface PollSettings {
  /** First look at a job's status: polls cost credits, so not before it can plausibly be done. */
  firstDelayMs: number;
  maxDelayMs: number;
}

export const DEFAULT_POLL: PollSettings = { firstDelayMs: 2_000, maxDelayMs: 30_000 };

/**
 * The waits between looks at a job, as one step to call before each look: `firstDelayMs`, then twice as long each
 * time up to `maxDelayMs`. A step resolves `false` at once, without waiting, when its wait would pass the deadline:
 * the caller stops looking and says the job did not finish in time. The one schedule of job polling, for whoever
 * follows a job to its end in one call: `upsertCustomers`, and joor-check's trial upserts (`completeTrial`).
 *
 * @example
 * const waited = jobPolling(DEFAULT_POLL, Date.now() + 60_000);
 * while (!done) if (!(await waited())) return 'not finished in time';
 */
export const jobPolling = (
  poll: PollSettings,
  deadline: number,
  now: () => number = Date.now,
): (() => Promise<boolean>) => {
  let delay = poll.firstDelayMs;
  return async () => {
    if (now() + delay >= deadline) return false;
    await sleep(delay);
    delay = Math.min(delay * 2, poll.maxDelayMs);
    return true;
  };
};
