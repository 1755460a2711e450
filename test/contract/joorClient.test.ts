import { afterEach, describe, expect, it } from 'vitest';
import { createJoorClient } from '../../lambdas/adapters/joor/createJoorClient.js';
import type { CustomerResult, JoorClient } from '../../lambdas/core/ports/index.js';
import type { Customer } from '../../lambdas/core/types.js';
import { DEFAULT_ACCOUNT } from '../../tools/emulators/joor/JoorEmulator.js';
import { makeCustomer } from '../helpers/customerFactory.js';
import { FAST, type JoorHarness, startJoor, V2_CREDENTIALS, V4_CREDENTIALS } from '../helpers/joor.js';

const customers = (from: number, count: number): Customer[] =>
  Array.from({ length: count }, (_, k) => makeCustomer(from + k));
const LONG = { remainingMs: 60_000 };
const REFERENCE = {
  priceTypes: [{ currency: 'USD', label: 'Wholesale USD' }],
  paymentTerms: ['NET30'],
  salesReps: [{ code: 'REP01', email: 'anna@brand.example' }],
  customerGroups: ['BOUTIQUE'],
};

let harness: JoorHarness | undefined;
afterEach(async () => {
  await harness?.stop();
  harness = undefined;
});

/**
 * Each customer of the batch, by code, with this outcome: unlike `every`, an answer that leaves a customer out (or
 * names none) cannot pass for "every customer".
 */
const eachOf = (batch: Customer[], outcome: Record<string, unknown>) =>
  batch.map((customer) => expect.objectContaining({ customerCode: customer.customerCode, ...outcome }));
const byCode = (results: CustomerResult[]) =>
  [...results].sort((a, b) => a.customerCode.localeCompare(b.customerCode));

const upsert = async (client: JoorClient, batch: Customer[]): Promise<CustomerResult[]> => {
  const outcome = await client.upsertCustomers(batch, LONG);
  if (!outcome.complete) throw new Error(`batch handed back: ${outcome.reason}`);
  return outcome.results;
};

// Request time-outs of 250 ms on a loaded 2-core machine: one retry absorbs a slow moment; a real fault fails twice.
describe('JOOR client against the emulator', { retry: 1 }, () => {
  it('creates customers with one bulk request and one job', async () => {
    harness = await startJoor();
    const results = await upsert(harness.client(), customers(1, 3));
    expect(results.map((r) => [r.customerCode, r.status])).toEqual([
      ['C0000001', 'accepted'],
      ['C0000002', 'accepted'],
      ['C0000003', 'accepted'],
    ]);
    const stats = harness.emulator.stats();
    expect(stats).toMatchObject({ creates: 3, updates: 0, jobs: 1 });
    expect(stats.byRoute['POST /v2/bulk-connection']).toBe(1);
    expect(harness.emulator.connectionsOf().get('C0000002')).toMatchObject({ customer_name: 'Boutique 2' });
  });

  it('cuts customers into bulk requests of the tenant’s bulk size, sent before their jobs are polled', async () => {
    harness = await startJoor();
    const client = createJoorClient(
      { ...harness.tenant, bulkSize: 5 },
      { credentials: async () => V2_CREDENTIALS, ...FAST },
    );
    const results = await upsert(client, customers(1, 12));
    expect(results.filter((r) => r.status === 'accepted')).toHaveLength(12);
    expect(new Set(results.map((r) => (r.status === 'accepted' ? r.jobId : 0))).size).toBe(3);
    expect(harness.emulator.stats()).toMatchObject({ creates: 12, jobs: 3 });
  });

  it('updates known customers and creates nothing twice when a batch is sent again', async () => {
    harness = await startJoor();
    const client = harness.client();
    await upsert(client, customers(1, 3));
    await upsert(client, customers(1, 3));
    const renamed = customers(1, 3).map((c) => ({ ...c, customerName: `${c.customerName} (renamed)` }));
    await upsert(client, renamed);
    expect(harness.emulator.stats()).toMatchObject({ creates: 3, updates: 6 });
    expect(harness.emulator.connectionsOf().get('C0000003')).toMatchObject({
      customer_name: 'Boutique 3 (renamed)',
    });
  });

  it('records what JOOR refuses with its words and does not send it again (partial acceptance)', async () => {
    harness = await startJoor({ accounts: [{ ...DEFAULT_ACCOUNT, referenceData: REFERENCE }] });
    const batch = customers(1, 3);
    batch[1] = { ...batch[1]!, priceLabel: 'Retail EUR' };
    const results = await upsert(harness.client(), batch);
    expect(results.find((r) => r.customerCode === 'C0000002')).toEqual({
      customerCode: 'C0000002',
      status: 'failed',
      code: 'joor_rejected',
      message: 'price_types: price type USD / Retail EUR does not exist in this account',
      retryable: false,
    });
    expect(results.filter((r) => r.status === 'accepted').map((r) => r.customerCode)).toEqual([
      'C0000001',
      'C0000003',
    ]);
    expect(harness.emulator.stats().byRoute['POST /v2/bulk-connection']).toBe(1);
  });

  it('sends the rest again without the refused customers when JOOR refuses the whole request', async () => {
    harness = await startJoor({
      partial: 'reject-batch',
      accounts: [{ ...DEFAULT_ACCOUNT, referenceData: REFERENCE }],
    });
    const batch = customers(1, 4);
    batch[0] = { ...batch[0]!, customerGroupCode: 'OUTLET' };
    const results = await upsert(harness.client(), batch);
    expect(results).toHaveLength(4);
    expect(results.filter((r) => r.status === 'failed').map((r) => r.customerCode)).toEqual(['C0000001']);
    expect(harness.emulator.stats()).toMatchObject({ creates: 3 });
    expect(harness.emulator.stats().byRoute['POST /v2/bulk-connection']).toBe(2);
  });

  // JOOR's how-to-authenticate page: v2 endpoints take `OAuth2 <base64 token>`; the emulator refuses any other
  // scheme on them, so a v4 token sent to /v2/bulk-connection (the config's old default) fails here as at JOOR. The
  // v4 token's keeping and renewal: test/contract/joorContract.test.ts.
  it('calls the v2 endpoints with the v2 token alone, though the secret holds v4 credentials too', async () => {
    harness = await startJoor();
    const batch = customers(1, 2);
    expect(byCode(await upsert(harness.client(), batch))).toEqual(eachOf(batch, { status: 'accepted' }));
    expect(harness.emulator.stats().creates).toBe(2);
    expect(harness.emulator.stats().byRoute['POST /auth']).toBeUndefined();
  });

  it('fails the customers with why when the secret has no v2 token: v4 credentials cannot sync', async () => {
    harness = await startJoor();
    const batch = customers(1, 2);
    const results = await upsert(harness.client({ credentials: async () => V4_CREDENTIALS }), batch);
    expect(byCode(results)).toEqual(
      eachOf(batch, {
        status: 'failed',
        code: 'joor_unauthorized',
        message: expect.stringContaining('no v2 token'),
      }),
    );
    expect(harness.emulator.stats().byRoute['POST /v2/bulk-connection']).toBeUndefined();
  });

  it('fails every customer with the reason when the credentials are wrong, without repeating them', async () => {
    harness = await startJoor();
    const secret = 'hunter2-very-secret';
    const client = harness.client({ credentials: async () => ({ v2Token: secret }) });
    const batch = customers(1, 2);
    const results = await upsert(client, batch);
    expect(byCode(results)).toEqual(eachOf(batch, { status: 'failed', code: 'joor_unauthorized' }));
    expect(JSON.stringify(results)).not.toContain(secret);
    expect(JSON.stringify(results)).toContain('refused the credentials (HTTP 401)');
  });

  it('hands the batch back when it cannot finish before the deadline', async () => {
    harness = await startJoor({ job: { baseMs: 5_000, perRecordMs: 0 } });
    const outcome = await harness.client().upsertCustomers(customers(1, 2), { remainingMs: 2_300 });
    expect(outcome).toEqual({ complete: false, reason: expect.stringContaining('not finished in time') });
  });

  it.each([
    ['429', { 429: 0.5 }],
    ['500', { 500: 0.4 }],
    ['timeout', { timeout: 0.3 }],
  ])('rides out injected %s answers', async (_name, faults) => {
    harness = await startJoor({ faults, random: seeded(7) });
    const client = harness.client();
    for (let k = 0; k < 5; k += 1) {
      const batch = customers(1 + k * 4, 4);
      expect(byCode(await upsertUntilComplete(client, batch))).toEqual(eachOf(batch, { status: 'accepted' }));
    }
    expect(harness.emulator.connectionsOf().size).toBe(20);
  });

  it('reports a job that processed fewer records than it was sent, as retryable', async () => {
    harness = await startJoor({ faults: { short: 1 } });
    const batch = customers(1, 3);
    const results = await upsert(harness.client(), batch);
    expect(byCode(results)).toEqual(
      eachOf(batch, {
        status: 'failed',
        code: 'job_incomplete',
        retryable: true,
        message: expect.stringContaining('processed 2 of 3 records'),
      }),
    );
  });

  it('never spends more credits than the window allows, pacing itself with no 429', async () => {
    harness = await startJoor(
      { creditsPerWindow: 30, windowMs: 300 },
      { creditsPerWindow: 30, windowSeconds: 0.3 },
    );
    const client = harness.client();
    for (let k = 0; k < 16; k += 1) await upsert(client, customers(1 + k * 5, 5));
    const stats = harness.emulator.stats();
    expect(stats.creates).toBe(80);
    expect(stats.maxCreditsInWindow).toBeLessThanOrEqual(30);
    expect(stats.throttled).toBe(0);
    // 16 writes and at least one poll each: more than one window's worth, so the pacing was exercised.
    expect(stats.credits).toBeGreaterThan(3 * 30);
  });

  it('under heavy faults ends every customer accepted or failed with a reason, none twice, none missing', async () => {
    harness = await startJoor({
      faults: { 429: 0.3, 500: 0.2, timeout: 0.05, invalid: 0.05, short: 0.05 },
      random: seeded(42),
      accounts: [{ ...DEFAULT_ACCOUNT, referenceData: REFERENCE }],
    });
    const client = harness.client();
    const all = customers(1, 120);
    all[7] = { ...all[7]!, priceLabel: 'Unknown label' };
    const final = new Map<string, CustomerResult>();
    for (let k = 0; k < all.length; k += 12) {
      for (const result of await upsertUntilComplete(client, all.slice(k, k + 12))) {
        expect(final.has(result.customerCode)).toBe(false);
        final.set(result.customerCode, result);
      }
    }
    expect([...final.keys()].sort()).toEqual(all.map((c) => c.customerCode).sort());
    for (const result of final.values()) {
      if (result.status === 'failed') expect(result.message.length).toBeGreaterThan(0);
      else expect(harness.emulator.connectionsOf().has(result.customerCode)).toBe(true);
    }
    expect(final.get('C0000008')).toMatchObject({ status: 'failed', code: 'joor_rejected' });
    const stats = harness.emulator.stats();
    expect(stats.creates).toBe(harness.emulator.connectionsOf().size);
    expect(stats.injected[429] + stats.injected[500] + stats.injected.timeout).toBeGreaterThan(10);
  });
});

/** What SQS does with a batch handed back: delivers it again, a bounded number of times. */
const upsertUntilComplete = async (
  client: JoorClient,
  batch: Customer[],
  receives = 10,
): Promise<CustomerResult[]> => {
  for (let k = 0; k < receives; k += 1) {
    const outcome = await client.upsertCustomers(batch, LONG);
    if (outcome.complete) return outcome.results;
  }
  throw new Error(`batch not complete after ${receives} receives`);
};

/** A repeatable random source (mulberry32), so a fault test fails the same way twice. */
function seeded(seed: number): () => number {
  let state = seed;
  return () => {
    state = (state + 0x6d2b79f5) | 0;
    let t = Math.imul(state ^ (state >>> 15), 1 | state);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4_294_967_296;
  };
}

// Where JOOR's documents are silent, the emulator answers either way (JOOR_EMULATOR_PROFILE), and the client must
// end every customer with JOOR's words after as few requests as the answer allows.
describe('JOOR client against each emulator profile', () => {
  const withInvalidGroup = () => {
    const batch = customers(1, 4);
    batch[0] = { ...batch[0]!, customerGroupCode: 'OUTLET' };
    return batch;
  };
  const reference = { customerGroups: ['BOUTIQUE'] };

  it('price-types-array: every customer refused naming price_types, in one request', async () => {
    harness = await startJoor({ profile: 'price-types-array' });
    const batch = customers(1, 3);
    const results = await upsert(harness.client(), batch);
    expect(byCode(results)).toEqual(
      eachOf(batch, {
        status: 'failed',
        code: 'joor_rejected',
        message: expect.stringMatching(/price_types must be a list/),
      }),
    );
    expect(harness.emulator.stats().byRoute['POST /v2/bulk-connection']).toBe(1);
  });

  it.each(['no-record-errors', 'refusal-in-envelope'] as const)(
    '%s: the batch fails whole with JOOR’s comment, in one request, and is not retried',
    async (profile) => {
      harness = await startJoor({ profile, accounts: [{ ...DEFAULT_ACCOUNT, referenceData: reference }] });
      const batch = withInvalidGroup();
      const results = await upsert(harness.client(), batch);
      expect(byCode(results)).toEqual(
        eachOf(batch, {
          status: 'failed',
          retryable: false,
          message: expect.stringMatching(/failed validation.*OUTLET/),
        }),
      );
      expect(harness.emulator.stats().byRoute['POST /v2/bulk-connection']).toBe(1);
    },
  );

  it('documented: the named record fails, the others are created', async () => {
    harness = await startJoor({
      profile: 'documented',
      accounts: [{ ...DEFAULT_ACCOUNT, referenceData: reference }],
    });
    const results = await upsert(harness.client(), withInvalidGroup());
    expect(results.filter((r) => r.status === 'accepted')).toHaveLength(3);
  });

  it('price-types-array: with joor.priceTypes "array" every customer is created', async () => {
    harness = await startJoor({ profile: 'price-types-array' }, { priceTypes: 'array' });
    const batch = customers(1, 3);
    expect(byCode(await upsert(harness.client(), batch))).toEqual(eachOf(batch, { status: 'accepted' }));
  });

  // A JOOR that drops a field it does not know: the report says "accepted" either way; only what JOOR holds shows it.
  it('nested-method-codes: flat codes are lost without a word; joor.methodCodes "nested" keeps every customer’s terms', async () => {
    harness = await startJoor({ profile: 'nested-method-codes' });
    const batch = customers(1, 3).map((c) => ({ ...c, shippingMethodCode: 'UPS' }));
    expect(byCode(await upsert(harness.client(), batch))).toEqual(eachOf(batch, { status: 'accepted' }));
    for (const stored of harness.emulator.connectionsOf().values()) {
      expect(JSON.stringify(stored)).not.toMatch(/method_code/);
    }
    await harness.stop();
    harness = await startJoor({ profile: 'nested-method-codes' }, { methodCodes: 'nested' });
    await upsert(harness.client(), batch);
    const stored = [...harness.emulator.connectionsOf().values()];
    expect(stored).toHaveLength(3);
    for (const connection of stored)
      expect(connection).toMatchObject({
        billing: { payment_methods: [{ payment_method_code: 'NET30' }] },
        shipping: { shipping_methods: [{ shipping_method_code: 'UPS' }] },
      });
  });

  it('contact-email: customer_email is lost without a word; joor.emailField "customer_contact_email" keeps it', async () => {
    harness = await startJoor({ profile: 'contact-email' });
    await upsert(harness.client(), customers(1, 2));
    expect(harness.emulator.connectionsOf().get('C0000001')).not.toHaveProperty('customer_email');
    await harness.stop();
    harness = await startJoor({ profile: 'contact-email' }, { emailField: 'customer_contact_email' });
    await upsert(harness.client(), customers(1, 2));
    expect(harness.emulator.connectionsOf().get('C0000001')).toMatchObject({
      customer_contact_email: 'buyer1@shop.example',
      customer_contact_name: 'Boutique 1',
    });
  });

  it('retail-currency: refused without the retail currency; joor.retailCurrency true sends it', async () => {
    harness = await startJoor({ profile: 'retail-currency' });
    const batch = customers(1, 2);
    const refused = await upsert(harness.client(), batch);
    expect(byCode(refused)).toEqual(
      eachOf(batch, { status: 'failed', message: expect.stringMatching(/retail_currency/) }),
    );
    await harness.stop();
    harness = await startJoor({ profile: 'retail-currency' }, { retailCurrency: true });
    expect(byCode(await upsert(harness.client(), batch))).toEqual(eachOf(batch, { status: 'accepted' }));
  });

  it('email-required: a customer without an email is refused by JOOR with its words, the others created', async () => {
    harness = await startJoor({ profile: 'email-required' });
    const batch = customers(1, 3);
    batch[1] = { ...batch[1]!, email: undefined };
    const results = await upsert(harness.client(), batch);
    expect(results.find((r) => r.customerCode === 'C0000002')).toMatchObject({
      status: 'failed',
      message: expect.stringMatching(/customer_contact_email is required/),
    });
    expect(results.filter((r) => r.status === 'accepted')).toHaveLength(2);
  });
});
