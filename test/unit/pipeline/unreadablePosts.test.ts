import { describe, expect, it } from 'vitest';
import { parseTenantConfig } from '../../../lambdas/core/config/parseTenantConfig.js';
import type { JoorClient, PostOutcome } from '../../../lambdas/core/ports/index.js';
import { readPost } from '../../../lambdas/pipeline/batchPosts.js';
import { keys } from '../../../lambdas/pipeline/keys.js';
import { buildManifest } from '../../../lambdas/pipeline/manifest.js';
import { BatchNotFinished, processBatch } from '../../../lambdas/pipeline/processBatch.js';
import type { BatchMessage } from '../../../lambdas/pipeline/runTypes.js';
import { makeCustomer } from '../../helpers/customerFactory.js';
import { MemoryObjectStore, MemoryQueue } from '../../helpers/memory.js';

// Issue #32, item 7: a post answered with something that is not JOOR's is worth a few tries, not one per receive.
const TENANT = 'maison';
const RUN = '20261202T063000Z-a1b2c3';
const PAGE = `the answer to the post was not JOOR's (HTTP 200: "<html><body>Maintenance</body></html>")`;
const message: BatchMessage = {
  type: 'batch',
  tenantId: TENANT,
  runId: RUN,
  batch: 0,
  batches: 2,
  customers: [makeCustomer(1), makeCustomer(2)],
} as BatchMessage;

/** A JOOR address answering every post with a page, counting the posts. */
const pageJoor = () => {
  const posts: number[] = [];
  const joor = {
    postCustomers: async (): Promise<PostOutcome> => {
      posts.push(posts.length + 1);
      return { kind: 'unreadable', reason: PAGE };
    },
  } as unknown as JoorClient;
  return { joor, posts };
};

const depsOf = (store: MemoryObjectStore, joor: JoorClient, remainingMs: () => number, tries = 3) => {
  const waits: number[] = [];
  return {
    waits,
    deps: {
      store,
      finalizeQueue: new MemoryQueue(),
      jobsQueue: new MemoryQueue(),
      joorFor: async () => joor,
      loadTenant: async () => parseTenantConfig({ tenantId: TENANT, joor: { unreadablePostTries: tries } }),
      remainingMs,
      now: () => new Date('2026-12-02T06:31:00Z'),
      sleep: async (ms: number) => {
        waits.push(ms);
      },
    },
  };
};

/** The run the batch belongs to: two batches, so that recording this one's result finalizes nothing. */
const runStore = (): MemoryObjectStore => {
  const store = new MemoryObjectStore();
  store.put(
    keys.manifest(TENANT, RUN),
    JSON.stringify(
      buildManifest({
        runId: RUN,
        tenantId: TENANT,
        file: {
          key: `inbox/${TENANT}/customer.psv`,
          name: 'customer.psv',
          receivedAt: '2026-12-02T06:30:00Z',
        },
        supersedes: [],
        snapshotKey: keys.snapshot(TENANT, 'sandbox', undefined),
        locked: true,
        plan: { batches: 2, sentHashes: {}, oversized: [], maxBatchBytes: 900_000 },
      }),
    ),
  );
  return store;
};

const resultOf = async (store: MemoryObjectStore) =>
  JSON.parse((await store.getText(keys.result(TENANT, RUN, 0)))!);

describe('a post answered with something that is not JOOR’s, every time', () => {
  it('is posted joor.unreadablePostTries times in one delivery with a growing wait, then its customers fail quoting it', async () => {
    const store = runStore();
    const { joor, posts } = pageJoor();
    const { deps, waits } = depsOf(store, joor, () => 60_000);
    expect(await processBatch(message, deps)).toBe('recorded');
    expect(posts).toHaveLength(3);
    expect(waits).toEqual([2_000, 4_000]);
    const result = await resultOf(store);
    expect(result.accepted).toEqual([]);
    expect(result.failures).toHaveLength(2);
    expect(result.failures[0]).toEqual({
      customerCode: makeCustomer(1).customerCode,
      code: 'joor_unreadable',
      message: `Not synced: posted 3 times, never with an answer from JOOR itself (last: ${PAGE}); it is sent again with the next file`,
    });
    expect((await readPost(store, TENANT, RUN, 0))?.unreadablePosts).toBe(3);
  });

  it('a delivery without time for the wait leaves the count in the post record, and the next goes on from it', async () => {
    const store = runStore();
    const { joor, posts } = pageJoor();
    const short = depsOf(store, joor, () => 10_000);
    await expect(processBatch(message, short.deps)).rejects.toBeInstanceOf(BatchNotFinished);
    expect(posts).toHaveLength(1);
    expect(await readPost(store, TENANT, RUN, 0)).toMatchObject({ unreadablePosts: 1, failedDeliveries: 1 });
    const long = depsOf(store, joor, () => 60_000);
    expect(await processBatch(message, long.deps)).toBe('recorded');
    expect(posts).toHaveLength(3);
  });

  it('keeps the count when a later try meets JOOR unreachable instead: the next delivery does not start again at one', async () => {
    const store = runStore();
    const answers: PostOutcome[] = [
      { kind: 'unreadable', reason: PAGE },
      {
        kind: 'unfinished',
        reason: 'JOOR did not answer POST /v2/bulk-connection after 6 attempts (last: HTTP 503)',
      },
    ];
    const joor = { postCustomers: async () => answers.shift()! } as unknown as JoorClient;
    const { deps } = depsOf(store, joor, () => 60_000);
    await expect(processBatch(message, deps)).rejects.toBeInstanceOf(BatchNotFinished);
    expect(await readPost(store, TENANT, RUN, 0)).toMatchObject({ unreadablePosts: 1, failedDeliveries: 1 });
  });

  it('a delivery that finds the tries spent (its predecessor died before the result) posts nothing', async () => {
    const store = runStore();
    const { joor, posts } = pageJoor();
    const { deps } = depsOf(store, joor, () => 60_000);
    // The first delivery dies writing the result, after the third post was counted.
    const dying = new Proxy(store, {
      get(target, property) {
        if (property === 'putText')
          return (key: string, body: string, options?: Parameters<MemoryObjectStore['putText']>[2]) => {
            if (key === keys.result(TENANT, RUN, 0)) throw new Error('the function died');
            return target.putText(key, body, options);
          };
        const value = Reflect.get(target, property);
        return typeof value === 'function' ? value.bind(target) : value;
      },
    });
    await expect(processBatch(message, { ...deps, store: dying })).rejects.toThrow('the function died');
    expect(posts).toHaveLength(3);
    expect(await processBatch(message, deps)).toBe('recorded');
    expect(posts).toHaveLength(3);
    expect((await resultOf(store)).failures[0].code).toBe('joor_unreadable');
  });
});
