import { describe, expect, it } from 'vitest';
import type { TenantConfig } from '../../../lambdas/core/config/index.js';
import type { Mailer } from '../../../lambdas/core/ports/index.js';
import { abandonFinalize } from '../../../lambdas/pipeline/abandonFinalize.js';
import { keys } from '../../../lambdas/pipeline/keys.js';
import { TenantConfigMissing } from '../../../lambdas/pipeline/loadTenantConfig.js';
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

  // The report used to be stored as JSON only, while the operator's `run` links its HTML, text and CSV too.
  const formats = ['json', 'html', 'txt', 'csv'] as const;
  const refusalOf = async (store: MemoryObjectStore): Promise<string> =>
    JSON.parse((await store.getText(keys.report('maison', 'r1', 'json')))!).refusal.message;

  it('stores its report in all four formats, the HTML and text saying why the file was not processed', async () => {
    const store = new MemoryObjectStore();
    await abandonFinalize('maison', 'r1', '5 receives', deps(store, new MemoryMailer()));
    for (const format of formats) expect(await store.exists(keys.report('maison', 'r1', format))).toBe(true);
    const message = await refusalOf(store);
    expect(message).toContain('its report could not be completed: 5 receives');
    expect(await store.getText(keys.report('maison', 'r1', 'html'))).toContain(message);
    expect(await store.getText(keys.report('maison', 'r1', 'txt'))).toContain(message);
  });

  it('stores all four formats when the tenant config cannot be read, and holds the email', async () => {
    const store = new MemoryObjectStore();
    const mailer = new MemoryMailer();
    const missing = {
      ...deps(store, mailer),
      loadTenant: async (): Promise<TenantConfig> => {
        throw new TenantConfigMissing('No config for maison');
      },
    };
    expect(await abandonFinalize('maison', 'r1', '5 receives', missing)).toBe('abandoned');
    for (const format of formats) expect(await store.exists(keys.report('maison', 'r1', format))).toBe(true);
    expect(await store.getText(keys.report('maison', 'r1', 'txt'))).toContain(await refusalOf(store));
    expect(await store.exists(keys.heldReport('maison', 'r1'))).toBe(true);
    expect(mailer.sent).toHaveLength(0);
  });

  it('closes the run when its renderings cannot be stored (the finalizer may have died of that), and says so', async () => {
    const store = new MemoryObjectStore();
    const putText = store.putText.bind(store);
    store.putText = async (key, body, options) => {
      if (key === keys.report('maison', 'r1', 'html')) throw new Error('renderer crashed');
      return putText(key, body, options);
    };
    const mailer = new MemoryMailer();
    expect(await abandonFinalize('maison', 'r1', '5 receives', deps(store, mailer))).toBe('abandoned');
    expect(await store.exists(keys.report('maison', 'r1', 'json'))).toBe(true);
    expect(mailer.sent).toHaveLength(1);
    const claim = JSON.parse((await store.getText(keys.finalizeClaim('maison', 'r1')))!);
    expect(claim.done).toBe(true);
    expect(claim.abandoned).toBe(
      "5 receives; its report's HTML, text and CSV could not be stored: renderer crashed",
    );
  });
});
