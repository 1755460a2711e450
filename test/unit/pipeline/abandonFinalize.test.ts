import { describe, expect, it } from 'vitest';
import type { TenantConfig } from '../../../lambdas/core/config/index.js';
import type { Mailer } from '../../../lambdas/core/ports/index.js';
import { abandonFinalize } from '../../../lambdas/pipeline/abandonFinalize.js';
import { keys } from '../../../lambdas/pipeline/keys.js';
import { INTERRUPTED_SEND } from '../../../lambdas/pipeline/sendReportOnce.js';
import { InjectedCrash } from '../../helpers/crashSchedule.js';
import { MemoryMailer, MemoryObjectStore, MemoryQueue } from '../../helpers/memory.js';

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
