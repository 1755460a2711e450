import { describe, expect, it } from 'vitest';
import { keys } from '../../../lambdas/pipeline/keys.js';
import { joorWaitOf } from '../../../tools/operator/joorWait.js';
import type { Operator } from '../../../tools/operator/Platform.js';
import { summarizeRun } from '../../../tools/operator/runs.js';
import { MemoryObjectStore } from '../../helpers/memory.js';
import { putRecordedBatch } from '../../helpers/recordedBatch.js';

const post = (batch: number, jobId: number, posts = 1) =>
  JSON.stringify({
    batch,
    jobs: [{ jobId, customerCodes: ['C1'] }],
    postedAt: '2026-12-02T08:00:00.000Z',
    customers: [],
    failures: [],
    posts,
    waits: 0,
    failedDeliveries: 0,
    history: [],
  });

// Issue #20: `run` shows the batches waiting on JOOR, their job ids and since when.
describe('what of a run waits on JOOR', () => {
  it('lists the posted batches without a result, with their jobs, and the run’s job checks', async () => {
    const store = new MemoryObjectStore();
    store.put(keys.post('maison', 'r1', 0), post(0, 41));
    store.put(keys.post('maison', 'r1', 1), post(1, 42, 2));
    store.put(keys.result('maison', 'r1', 0), JSON.stringify({ batch: 0, accepted: ['C1'], failures: [] }));
    store.put(
      keys.jobWatch('maison', 'r1'),
      JSON.stringify({
        token: 't',
        checkAt: '2026-12-02T08:05:00.000Z',
        intervalMs: 20_000,
        since: '2026-12-02T08:00:01.000Z',
        polls: 3,
        lastAnswer: '"started"',
      }),
    );
    expect(await joorWaitOf(store, 'maison', 'r1')).toEqual({
      batches: [{ batch: 1, jobIds: [42], postedAt: '2026-12-02T08:00:00.000Z', posts: 2 }],
      checks: {
        since: '2026-12-02T08:00:01.000Z',
        polls: 3,
        nextCheckAt: '2026-12-02T08:05:00.000Z',
        lastAnswer: '"started"',
        done: false,
      },
    });
  });

  it('says nothing waits for a run JOOR has no job of', async () => {
    expect(await joorWaitOf(new MemoryObjectStore(), 'maison', 'r2')).toEqual({ batches: [] });
  });

  it('shows in `runs` as waiting on JOOR, with the job ids, since when and the next look', async () => {
    const store = new MemoryObjectStore();
    store.put(keys.dispatched('maison', 'r1'), '{}');
    store.put(keys.post('maison', 'r1', 1), post(1, 42));
    store.put(
      keys.jobWatch('maison', 'r1'),
      JSON.stringify({
        token: 't',
        checkAt: '2026-12-02T08:05:00.000Z',
        intervalMs: 20_000,
        since: '2026-12-02T08:00:01.000Z',
        polls: 3,
        lastAnswer: '"started"',
      }),
    );
    const summary = await summarizeRun({ store } as unknown as Operator, 'maison', 'r1', 'r1');
    expect(summary.state).toEqual({
      stage: 'waiting_on_joor',
      text: `waiting on JOOR: 0 of ? batches recorded, 1 waiting on JOOR's job 42 since 2026-12-02T08:00:00.000Z; next look 2026-12-02T08:05:00.000Z (JOOR's last answer: "started")`,
    });
    store.put(keys.result('maison', 'r1', 1), JSON.stringify({ batch: 1, accepted: ['C1'], failures: [] }));
    expect((await summarizeRun({ store } as unknown as Operator, 'maison', 'r1', 'r1')).state.stage).toBe(
      'syncing',
    );
  });

  it('shows a run whose batches are all recorded as finishing, its finalizer asked for (or failing without a word)', async () => {
    const store = new MemoryObjectStore();
    store.put(keys.dispatched('maison', 'r1'), '{}');
    putRecordedBatch(store, 'maison', 'r1');
    expect((await summarizeRun({ store } as unknown as Operator, 'maison', 'r1', 'r1')).state).toEqual({
      stage: 'finishing',
      text: 'finishing: the report is being written',
    });
  });
});
