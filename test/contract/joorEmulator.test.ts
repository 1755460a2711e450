import { afterEach, describe, expect, it } from 'vitest';
import { parseJobTime } from '../../tools/emulators/joor/http.js';
import { DEFAULT_ACCOUNT, JoorEmulator } from '../../tools/emulators/joor/JoorEmulator.js';

// definitions-and-conventions: every call carries its Content-Type.
const JSON_TYPE = { 'content-type': 'application/json' };
const auth = {
  authorization: `OAuth2 ${Buffer.from(DEFAULT_ACCOUNT.v2Token).toString('base64')}`,
  ...JSON_TYPE,
};

/** A v4 Bearer token by the password grant, as JOOR's auth page shows it (multipart form data). */
const bearer = async (url: string): Promise<Record<string, string>> => {
  const form = new FormData();
  for (const [key, value] of Object.entries({ ...DEFAULT_ACCOUNT.v4, grant_type: 'password' }))
    form.set(
      key.replace(/[A-Z]/g, (c) => `_${c.toLowerCase()}`),
      value,
    );
  const answer = (await (await fetch(`${url}/auth/`, { method: 'POST', body: form })).json()) as {
    access_token: string;
  };
  return { authorization: `Bearer ${answer.access_token}`, ...JSON_TYPE };
};
let emulator: JoorEmulator | undefined;
afterEach(async () => {
  await emulator?.stop();
  emulator = undefined;
});

describe('JOOR emulator', () => {
  it('charges 1 credit a read and 5 a write, and answers 429 over the window’s budget', async () => {
    emulator = new JoorEmulator({ creditsPerWindow: 12, windowMs: 60_000 });
    const url = await emulator.start();
    const v4 = await bearer(url);
    const read = () => fetch(`${url}/v4/warehouses?account=1001`, { headers: v4 });
    const write = () => fetch(`${url}/v2/bulk-connection`, { method: 'POST', headers: auth, body: '{}' });
    expect((await write()).status).toBe(400); // 5 credits: charged although refused
    expect((await write()).status).toBe(400); // 10
    const last = await read(); // 11
    expect(last.headers.get('x-ratelimit-remaining')).toBe('1');
    expect(Number(last.headers.get('x-ratelimit-reset'))).toBeGreaterThan(59);
    const throttled = await write(); // 16 > 12
    expect(throttled.status).toBe(429);
    expect(Number(throttled.headers.get('retry-after'))).toBeGreaterThanOrEqual(59);
    expect((await read()).status).toBe(200); // 12: a read still fits
    expect(emulator.stats()).toMatchObject({ credits: 12, maxCreditsInWindow: 12, throttled: 1 });
  });

  it('starts a new window once the last one ended', async () => {
    let clock = Date.parse('2026-11-27T08:00:00Z');
    emulator = new JoorEmulator({ creditsPerWindow: 5, windowMs: 100, now: () => clock });
    const url = await emulator.start();
    const write = () => fetch(`${url}/v2/bulk-connection`, { method: 'POST', headers: auth, body: '{}' });
    expect((await write()).status).toBe(400);
    expect((await write()).status).toBe(429);
    clock += 99;
    expect((await write()).status).toBe(429);
    clock += 1;
    expect((await write()).status).toBe(400);
  });

  it('keeps each account’s credits, windows, jobs and reads apart', async () => {
    let clock = Date.parse('2026-11-27T08:00:00Z');
    const other = { ...DEFAULT_ACCOUNT, accountId: '2002', v2Token: 'other-v2-token' };
    emulator = new JoorEmulator({
      accounts: [DEFAULT_ACCOUNT, other],
      creditsPerWindow: 6,
      windowMs: 100,
      now: () => clock,
    });
    const url = await emulator.start();
    const as = (token: string) => ({
      authorization: `OAuth2 ${Buffer.from(token).toString('base64')}`,
      ...JSON_TYPE,
    });
    const connection = {
      customer_code: 'C1',
      customer_name: 'Bloom',
      customer_alias: 'Bloom',
      price_types: { price_type_currency_code: 'USD', price_type_label: 'W' },
    };
    const post = (token: string) =>
      fetch(`${url}/v2/bulk-connection`, {
        method: 'POST',
        headers: as(token),
        body: JSON.stringify({ bulk_connections: { connection: [connection] } }),
      });
    expect((await post(DEFAULT_ACCOUNT.v2Token)).status).toBe(200); // 5 of the first account's 6
    expect((await post(DEFAULT_ACCOUNT.v2Token)).status).toBe(429);
    expect((await post(other.v2Token)).status).toBe(200); // the other account's own 6
    expect((await fetch(`${url}/v2/bulk-connection/2`, { headers: as(other.v2Token) })).status).toBe(200);
    clock += 100;
    expect((await post(DEFAULT_ACCOUNT.v2Token)).status).toBe(200);

    const first = emulator.accountActivity(DEFAULT_ACCOUNT.accountId);
    expect(first.windows).toEqual([
      { startedAt: clock - 100, spent: 5 },
      { startedAt: clock, spent: 5 },
    ]);
    expect(first.jobs.map((job) => [job.id, job.records])).toEqual([
      [1, 1],
      [3, 1],
    ]);
    expect(first.jobReads).toBe(0);
    const second = emulator.accountActivity(other.accountId);
    expect(second.windows).toEqual([{ startedAt: clock - 100, spent: 6 }]);
    expect(second.jobs.map((job) => job.id)).toEqual([2]);
    expect(second.jobReads).toBe(1);
  });

  // JOOR documents `Authorization: OAuth2 <base64 token>` for v2 endpoints and Bearer tokens for v4 ones
  // (how-to-authenticate); the emulator took any scheme on any route before (issue #13).
  it('takes each version’s scheme on its own routes only', async () => {
    emulator = new JoorEmulator();
    const url = await emulator.start();
    const v4 = await bearer(url);
    expect((await fetch(`${url}/v2/bulk-connection/1`, { headers: v4 })).status).toBe(401);
    expect((await fetch(`${url}/v4/warehouses?account=1001`, { headers: auth })).status).toBe(401);
    expect((await fetch(`${url}/v4/warehouses?account=1001`, { headers: v4 })).status).toBe(200);
    expect((await fetch(`${url}/v2/connection/customer_code/NONE/`, { headers: auth })).status).toBe(404);
  });

  it('refuses a flat warehouse_code and a connection without customer_alias', async () => {
    emulator = new JoorEmulator();
    const url = await emulator.start();
    const connection = {
      customer_code: 'C1',
      customer_name: 'Bloom',
      warehouse_code: 'NYC',
      price_types: { price_type_currency_code: 'USD', price_type_label: 'W' },
    };
    const response = await fetch(`${url}/v2/bulk-connection`, {
      method: 'POST',
      headers: auth,
      body: JSON.stringify({ bulk_connections: { connection: [connection] } }),
    });
    const body = (await response.json()) as { bulk_connections: { errors: { field: string }[] } };
    expect(body.bulk_connections.errors.map((e) => e.field)).toEqual(['warehouse_code', 'customer_alias']);
  });

  it('refuses unknown credentials without charging them', async () => {
    emulator = new JoorEmulator();
    const url = await emulator.start();
    const response = await fetch(`${url}/v4/warehouses`, { headers: { authorization: 'OAuth2 bm9wZQ==' } });
    expect(response.status).toBe(401);
    expect(emulator.stats().credits).toBe(0);
  });

  it('answers field-level errors in JOOR’s v2 shape', async () => {
    emulator = new JoorEmulator({
      accounts: [{ ...DEFAULT_ACCOUNT, referenceData: { warehouses: ['NYC'] } }],
    });
    const url = await emulator.start();
    const connection = {
      customer_code: 'X'.repeat(51),
      customer_alias: 'X',
      warehouses: [{ warehouse_code: 'PAR' }],
      price_types: { price_type_currency_code: 'USD', price_type_label: 'W' },
    };
    const response = await fetch(`${url}/v2/bulk-connection`, {
      method: 'POST',
      headers: auth,
      body: JSON.stringify({ bulk_connections: { connection: [connection] } }),
    });
    expect(response.status).toBe(400);
    const body = (await response.json()) as {
      bulk_connections: { response: { code: number }; errors: { field: string }[] };
    };
    expect(body.bulk_connections.response.code).toBe(1);
    expect(body.bulk_connections.errors.map((e) => e.field)).toEqual([
      'customer_name',
      'customer_code',
      'warehouse_code',
    ]);
  });
});

describe('JOOR emulator jobs', () => {
  it('name their times as JOOR does (created, modified) and take the time they are set to', async () => {
    expect(parseJobTime('5000,2')).toEqual({ baseMs: 5000, perRecordMs: 2 });
    expect(() => parseJobTime('soon')).toThrow(/JOOR_EMULATOR_JOB_MS/);
    emulator = new JoorEmulator({ job: { baseMs: 300, perRecordMs: 0 } });
    const url = await emulator.start();
    const connection = {
      customer_code: 'C1',
      customer_name: 'Bloom',
      customer_alias: 'Bloom',
      price_types: { price_type_currency_code: 'USD', price_type_label: 'W' },
    };
    const posted = (await (
      await fetch(`${url}/v2/bulk-connection`, {
        method: 'POST',
        headers: auth,
        body: JSON.stringify({ bulk_connections: { connection: [connection] } }),
      })
    ).json()) as { bulk_connections: { bulk_connections_jobs: { bulk_connections_job_id: number }[] } };
    const id = posted.bulk_connections.bulk_connections_jobs[0]!.bulk_connections_job_id;
    const job = async () =>
      (
        (await (await fetch(`${url}/v2/bulk-connection/${id}`, { headers: auth })).json()) as {
          bulk_connections: { bulk_connections_jobs: Record<string, string>[] };
        }
      ).bulk_connections.bulk_connections_jobs[0]!;
    expect(await job()).toMatchObject({
      status: 'queued',
      created: expect.any(String),
      modified: expect.any(String),
    });
    await new Promise((resolve) => setTimeout(resolve, 400));
    const done = await job();
    expect(done.status).toBe('finished');
    expect(Date.parse(done.modified!)).toBeGreaterThan(Date.parse(done.created!));
    expect(done).not.toHaveProperty('created_at');
  });
});

describe('JOOR emulator profiles', () => {
  const tokenForm = (grant: Record<string, string>) => {
    const form = new FormData();
    form.set('client_id', DEFAULT_ACCOUNT.v4.clientId);
    form.set('client_secret', DEFAULT_ACCOUNT.v4.clientSecret);
    for (const [key, value] of Object.entries(grant)) form.set(key, value);
    return form;
  };
  const refreshStatus = async (profile: 'documented' | 'no-refresh-grant') => {
    emulator = new JoorEmulator({ profile });
    const url = await emulator.start();
    const first = (await (
      await fetch(`${url}/auth/`, {
        method: 'POST',
        body: tokenForm({
          grant_type: 'password',
          username: DEFAULT_ACCOUNT.v4.username,
          password: DEFAULT_ACCOUNT.v4.password,
        }),
      })
    ).json()) as { refresh_token: string };
    const refresh = await fetch(`${url}/auth/`, {
      method: 'POST',
      body: tokenForm({ grant_type: 'refresh_token', refresh_token: first.refresh_token }),
    });
    await emulator.stop();
    emulator = undefined;
    return refresh.status;
  };

  it('no-refresh-grant refuses the refresh grant that documented honours', async () => {
    expect(await refreshStatus('documented')).toBe(200);
    expect(await refreshStatus('no-refresh-grant')).toBe(401);
  });

  it('table-nesting answers the connection GET as connection-get’s table nests it', async () => {
    emulator = new JoorEmulator({ profile: 'table-nesting', job: { baseMs: 1, perRecordMs: 0 } });
    const url = await emulator.start();
    const connection = {
      customer_code: 'T1',
      customer_name: 'Nested',
      customer_alias: 'Nested',
      price_types: { price_type_currency_code: 'USD', price_type_label: 'Wholesale' },
    };
    await fetch(`${url}/v2/bulk-connection`, {
      method: 'POST',
      headers: auth,
      body: JSON.stringify({ bulk_connections: { connection: [connection] } }),
    });
    await new Promise((resolve) => setTimeout(resolve, 50));
    const body = await (await fetch(`${url}/v2/connection/customer_code/T1/`, { headers: auth })).json();
    expect(body).toEqual({
      connections: {
        response: { code: 0, comment: 'OK' },
        connections: { connection: [expect.objectContaining({ customer_code: 'T1' })] },
      },
    });
  });

  it('refuses a call without a Content-Type, as definitions-and-conventions says', async () => {
    emulator = new JoorEmulator();
    const url = await emulator.start();
    const response = await fetch(`${url}/v2/connection/customer_code/T1/`, {
      headers: { authorization: auth.authorization },
    });
    expect(response.status).toBe(400);
    expect(JSON.stringify(await response.json())).toMatch(/Content MIME Type/);
  });
});
