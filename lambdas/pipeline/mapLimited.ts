/**
 * How many S3 calls one step makes at once over a long list (a tenant's thousands of waiting files): enough that
 * 5,000 of them take seconds, not the finalizer's whole life one by one; fewer than the SDK's 50 sockets.
 */
export const S3_CALLS_AT_ONCE = 32;

/**
 * `fn` over every item, at most `limit` at a time, the results in the items' order. A failure fails the whole once the
 * calls in flight settle, and starts no new one (the step is retried whole: each call is safe to repeat).
 */
export const mapLimited = async <T, R>(
  items: readonly T[],
  fn: (item: T) => Promise<R>,
  limit = S3_CALLS_AT_ONCE,
): Promise<R[]> => {
  const results = new Array<R>(items.length);
  let next = 0;
  let stopped = false;
  const worker = async (): Promise<void> => {
    while (!stopped && next < items.length) {
      const index = next;
      next += 1;
      try {
        results[index] = await fn(items[index]!);
      } catch (error) {
        // No new call once one failed: the step is done again whole.
        stopped = true;
        throw error;
      }
    }
  };
  const settled = await Promise.allSettled(Array.from({ length: Math.min(limit, items.length) }, worker));
  const failed = settled.find((s): s is PromiseRejectedResult => s.status === 'rejected');
  if (failed) throw failed.reason;
  return results;
};
