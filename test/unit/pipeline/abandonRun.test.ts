import { describe, expect, it } from 'vitest';
import type { TenantConfig } from '../../../lambdas/core/config/index.js';
import type { Mailer } from '../../../lambdas/core/ports/index.js';
import { abandonFinalize, abandonStart } from '../../../lambdas/pipeline/abandonRun.js';
import { keys } from '../../../lambdas/pipeline/keys.js';
import { INTERRUPTED_SEND } from '../../../lambdas/pipeline/sendReportOnce.js';
import { InjectedCrash } from '../../helpers/crashSchedule.js';
import { MemoryMailer, MemoryObjectStore, MemoryQueue } from '../../helpers/memory.js';

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

// Found by `npm run bench -- chaos` (seed 7342, two tenants at once): the finalize dead-letter handler sent the
// "not processed" email on every delivery that died after the send and before recording it (three emails for one
// report). It now sends through the finalizer's guarded send: marked before, recorded after.
describe('the finalize dead-letter handler', () => {
  const tenant = {
    tenantId: 'maison',
    displayName: 'Maison',
    joor: { environment: 'sandbox' },
    report: {
      recipients: ['erp@maison.example'],
      sender: 'sync@maison.example',
      bodyRowLimit: 50,
      timeZone: 'UTC',
    },
  } as unknown as TenantConfig;
  const deps = (store: MemoryObjectStore, mailer: Mailer) => ({
    store,
    inboxQueue: new MemoryQueue(),
    mailer,
    loadTenant: async () => tenant,
    now: () => new Date('2026-11-27T09:00:00Z'),
  });

  it('sends at most one email when it dies after sending, and records that it may not have arrived', async () => {
    const store = new MemoryObjectStore();
    const mailer = new MemoryMailer();
    // The function dies once SES has taken the email: its next call (recording the outcome) never happens.
    let dies = true;
    const storeThatDies = new Proxy(store, {
      get: (target, property, receiver) => {
        const value = Reflect.get(target, property, receiver);
        return typeof value === 'function'
          ? (...args: unknown[]) => {
              if (dies && mailer.sent.length > 0) throw new InjectedCrash('dead');
              return value.apply(target, args);
            }
          : value;
      },
    });
    await expect(
      abandonFinalize('maison', 'r1', '5 receives', deps(storeThatDies, mailer)),
    ).rejects.toThrow();
    dies = false;
    for (let delivery = 0; delivery < 3; delivery += 1)
      await abandonFinalize('maison', 'r1', '5 receives', deps(store, mailer));
    expect(mailer.sent).toHaveLength(1);
    const claim = JSON.parse((await store.getText(keys.finalizeClaim('maison', 'r1')))!);
    expect(claim).toMatchObject({ done: true, email: { status: 'failed', reason: INTERRUPTED_SEND } });
  });

  it('sends nothing when the finalizer of the run is sending (or died sending) its email', async () => {
    const store = new MemoryObjectStore();
    const mailer = new MemoryMailer();
    store.put(
      keys.finalizeClaim('maison', 'r1'),
      JSON.stringify({ startedAt: '2026-11-27T08:00:00Z', email: { status: 'sending' } }),
    );
    expect(await abandonFinalize('maison', 'r1', '5 receives', deps(store, mailer))).toBe('abandoned');
    expect(mailer.sent).toHaveLength(0);
    expect(JSON.parse((await store.getText(keys.finalizeClaim('maison', 'r1')))!).email.status).toBe(
      'failed',
    );
  });
});
