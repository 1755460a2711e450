import { describe, expect, it } from 'vitest';
import { parseTenantConfig } from '../../../lambdas/core/config/parseTenantConfig.js';
import type {
  JobStatus,
  JoorClient,
  MessageSender,
  QueueMessage,
} from '../../../lambdas/core/ports/index.js';
import { writePost } from '../../../lambdas/pipeline/batchPosts.js';
import { checkJobs, startJobChecks } from '../../../lambdas/pipeline/jobChecks.js';
import { keys } from '../../../lambdas/pipeline/keys.js';
import type { JobCheckMessage, JobWatch } from '../../../lambdas/pipeline/runTypes.js';
import { MemoryObjectStore, MemoryQueue } from '../../helpers/memory.js';

/**
 * The chain of job checks stays alive and single whatever dies where (lambdas/pipeline/jobChecks.ts): one live check
 * at a time, and never none while a job is on its way.
 */
const TENANT = 'maison';
const RUN = '20261202T063000Z-a1b2c3';
const tenant = parseTenantConfig({ tenantId: TENANT });

/** A JOOR whose job is still running, counting the reads. */
const runningJoor = () => {
  const reads: number[] = [];
  const joor = {
    jobStatus: async (jobId: number): Promise<JobStatus> => {
      reads.push(jobId);
      return { kind: 'running', jobId, status: 'pending' };
    },
  } as unknown as JoorClient;
  return { joor, reads };
};

/** A sender that dies on its nth send (as a function dies after a call), else keeps what it was given. */
class DyingQueue implements MessageSender {
  readonly messages: QueueMessage[] = [];
  constructor(private readonly failAt?: number) {}
  private sends = 0;
  async send(messages: QueueMessage[]): Promise<void> {
    this.sends += 1;
    if (this.sends === this.failAt) throw new Error('the function died');
    this.messages.push(...messages);
  }
}

const setUp = async () => {
  const store = new MemoryObjectStore();
  await writePost(store, TENANT, RUN, {
    batch: 0,
    jobs: [{ jobId: 7, customerCodes: ['C1'] }],
    postedAt: '2026-12-02T06:30:00Z',
    customers: [],
    failures: [],
    posts: 1,
    waits: 0,
    failedDeliveries: 0,
    history: [],
  });
  return store;
};

const depsOf = (store: MemoryObjectStore, jobsQueue: MessageSender, joor: JoorClient) => ({
  store,
  jobsQueue,
  finalizeQueue: new MemoryQueue(),
  joorFor: async () => joor,
  loadTenant: async () => tenant,
  remainingMs: () => 60_000,
  now: () => new Date('2026-12-02T06:31:00Z'),
});

/** The same bucket, but the function dies when it writes the run's watch. */
const dyingOnWatchWrite = (store: MemoryObjectStore): MemoryObjectStore =>
  new Proxy(store, {
    get(target, property) {
      if (property === 'putText')
        return (key: string, body: string, options?: Parameters<MemoryObjectStore['putText']>[2]) => {
          if (key === keys.jobWatch(TENANT, RUN)) throw new Error('the function died');
          return target.putText(key, body, options);
        };
      const value = Reflect.get(target, property);
      return typeof value === 'function' ? value.bind(target) : value;
    },
  });

const messagesOf = (queue: { messages: QueueMessage[] }): JobCheckMessage[] =>
  queue.messages.map((m) => JSON.parse(m.body) as JobCheckMessage);

const watchOf = async (store: MemoryObjectStore): Promise<JobWatch> =>
  JSON.parse((await store.getText(keys.jobWatch(TENANT, RUN)))!) as JobWatch;

describe('the chain of job checks', () => {
  it('a check that dies after sending the next check and before writing its token leaves that next check live', async () => {
    const store = await setUp();
    const { joor, reads } = runningJoor();
    const start = new MemoryQueue();
    await startJobChecks(depsOf(store, start, joor), TENANT, RUN);
    const [first] = messagesOf(start);

    // The write of the next token is what dies: the message was sent.
    const dying = new MemoryQueue();
    const deps = depsOf(store, dying, joor);
    const failing = { ...deps, store: dyingOnWatchWrite(store) };
    await expect(checkJobs(first!, failing)).rejects.toThrow('the function died');
    const [next] = messagesOf(dying);
    expect(next).toMatchObject({ after: first!.token });
    expect((await watchOf(store)).token).toBe(first!.token);

    // SQS delivers the dead check again, and the next one arrives: exactly one of them goes on.
    const after = new MemoryQueue();
    const outcomes = [
      await checkJobs(next!, depsOf(store, after, joor)),
      await checkJobs(first!, depsOf(store, after, joor)),
    ];
    expect(outcomes).toEqual(['waiting', 'stale']);
    expect(messagesOf(after)).toHaveLength(1);
    expect((await watchOf(store)).token).toBe(messagesOf(after)[0]!.token);
    expect(reads).toEqual([7, 7]);
  });

  it('a check that dies before sending is delivered again and is still the live one', async () => {
    const store = await setUp();
    const { joor } = runningJoor();
    const start = new MemoryQueue();
    await startJobChecks(depsOf(store, start, joor), TENANT, RUN);
    const [first] = messagesOf(start);
    await expect(checkJobs(first!, depsOf(store, new DyingQueue(1), joor))).rejects.toThrow(
      'the function died',
    );
    const again = new MemoryQueue();
    expect(await checkJobs(first!, depsOf(store, again, joor))).toBe('waiting');
    expect(messagesOf(again)).toEqual([expect.objectContaining({ after: first!.token })]);
  });

  it('two deliveries of one check at once leave one chain: the second writer finds the watch changed', async () => {
    const store = await setUp();
    const { joor } = runningJoor();
    const start = new MemoryQueue();
    await startJobChecks(depsOf(store, start, joor), TENANT, RUN);
    const [first] = messagesOf(start);
    const queue = new MemoryQueue();
    const outcomes = await Promise.all([
      checkJobs(first!, depsOf(store, queue, joor)),
      checkJobs(first!, depsOf(store, queue, joor)),
    ]);
    expect(outcomes.sort()).toEqual(['stale', 'waiting']);
    const sent = messagesOf(queue);
    expect(sent).toHaveLength(2);
    const watch = await watchOf(store);
    const live = sent.filter((m) => m.token === watch.token || m.after === watch.token);
    expect(live).toHaveLength(1);
  });

  it('a successor that arrives before its sender wrote its token is live, and the late write then finds the watch changed', async () => {
    const store = await setUp();
    const { joor } = runningJoor();
    const start = new MemoryQueue();
    await startJobChecks(depsOf(store, start, joor), TENANT, RUN);
    const [first] = messagesOf(start);
    const early: JobCheckMessage = {
      type: 'job-check',
      tenantId: TENANT,
      runId: RUN,
      token: 'early',
      after: first!.token,
    };
    const queue = new MemoryQueue();
    expect(await checkJobs(early, depsOf(store, queue, joor))).toBe('waiting');
    const [third] = messagesOf(queue);
    expect(third).toMatchObject({ after: 'early' });
    expect((await watchOf(store)).token).toBe(third!.token);
  });

  it('a run whose checks are done is not started again by a later delivery of its last batch', async () => {
    const store = await setUp();
    const queue = new MemoryQueue();
    await store.putText(
      keys.jobWatch(TENANT, RUN),
      JSON.stringify({
        token: 't',
        checkAt: 'x',
        intervalMs: 1,
        since: 'x',
        polls: 3,
        done: true,
      } satisfies JobWatch),
    );
    await startJobChecks(depsOf(store, queue, runningJoor().joor), TENANT, RUN);
    expect(queue.messages).toEqual([]);
    expect((await watchOf(store)).polls).toBe(3);
  });

  it('a start that dies after sending the first check and before writing its token leaves that check live', async () => {
    const store = await setUp();
    const { joor } = runningJoor();
    const start = new MemoryQueue();
    await expect(startJobChecks(depsOf(dyingOnWatchWrite(store), start, joor), TENANT, RUN)).rejects.toThrow(
      'the function died',
    );
    const [first] = messagesOf(start);
    expect(first?.after).toBeUndefined();
    const next = new MemoryQueue();
    expect(await checkJobs(first!, depsOf(store, next, joor))).toBe('waiting');
    expect(messagesOf(next)).toEqual([expect.objectContaining({ after: first!.token })]);
    expect((await watchOf(store)).token).toBe(messagesOf(next)[0]!.token);
  });

  it('two deliveries of the last batch start the checks at once: one chain, whichever writes first', async () => {
    const store = await setUp();
    const { joor } = runningJoor();
    const queue = new MemoryQueue();
    await Promise.all([
      startJobChecks(depsOf(store, queue, joor), TENANT, RUN),
      startJobChecks(depsOf(store, queue, joor), TENANT, RUN),
    ]);
    expect(messagesOf(queue)).toHaveLength(2);
    // Each check delivered to the job watcher itself: the live one reads JOOR and goes on, the other is stale (#32:
    // the test asked liveness of its own copy of the rule, and passed with the watcher's rule broken).
    const { joor: counted, reads } = runningJoor();
    const next = new MemoryQueue();
    const outcomes: string[] = [];
    for (const message of messagesOf(queue))
      outcomes.push(await checkJobs(message, depsOf(store, next, counted)));
    expect(outcomes.sort()).toEqual(['stale', 'waiting']);
    expect(reads).toHaveLength(1);
    expect(messagesOf(next)).toHaveLength(1);
  });
});
