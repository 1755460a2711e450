import { describe, expect, it } from 'vitest';
import { abandonStart } from '../../../lambdas/pipeline/abandonStart.js';
import { keys } from '../../../lambdas/pipeline/keys.js';
import { MemoryObjectStore, MemoryQueue } from '../../helpers/memory.js';

const request = {
  tenantId: 'maison',
  runId: 'r1',
  file: { key: 'inbox/maison/customer_1.psv', name: 'customer_1.psv', receivedAt: '2026-11-27T08:00:00Z' },
  supersedes: [],
  claim: true,
};

// Found by `npm run bench -- chaos` (seed 1183): the inbox dead-letter handler read the manifest with
// `.catch(() => undefined)`, so a failed read (S3 throttling, a time-out) looked like "no manifest" and the handler
// wrote a not-processed manifest over the real one, losing which batches had been sent.
describe('the inbox dead-letter handler', () => {
  it('fails its delivery when the manifest cannot be read, instead of writing over it', async () => {
    const store = new MemoryObjectStore();
    const manifest = JSON.stringify({ written: 'by the splitter' });
    store.put(keys.manifest('maison', 'r1'), manifest);
    const flaky = new Proxy(store, {
      get: (target, property, receiver) =>
        property === 'getText'
          ? async (key: string) => {
              if (key === keys.manifest('maison', 'r1'))
                throw Object.assign(new Error('Slow Down'), { name: 'SlowDown' });
              return target.getText(key);
            }
          : Reflect.get(target, property, receiver),
    });
    await expect(
      abandonStart(request, '5 receives', { store: flaky, finalizeQueue: new MemoryQueue() }),
    ).rejects.toThrow('Slow Down');
    expect(await store.getText(keys.manifest('maison', 'r1'))).toBe(manifest);
  });

  it('writes a not-processed manifest when there is none', async () => {
    const store = new MemoryObjectStore();
    const finalizeQueue = new MemoryQueue();
    expect(await abandonStart(request, '5 receives', { store, finalizeQueue })).toBe('abandoned');
    expect(JSON.parse((await store.getText(keys.manifest('maison', 'r1')))!).refusal.code).toBe(
      'not_processed',
    );
    expect(finalizeQueue.messages).toHaveLength(1);
  });
});
