import { describe, expect, it } from 'vitest';
import { BulkConnectionClient } from '../../../../lambdas/adapters/joor/BulkConnectionClient.js';
import { CreditBudget } from '../../../../lambdas/adapters/joor/CreditBudget.js';
import { JoorHttp } from '../../../../lambdas/adapters/joor/JoorHttp.js';
import { TokenProvider } from '../../../../lambdas/adapters/joor/TokenProvider.js';
import { makeCustomer } from '../../../helpers/customerFactory.js';

type Answer = { status: number; body?: unknown; headers?: Record<string, string> };

/** A JOOR that answers from a script, recording each request and when it came (on a fake clock). */
const scriptedJoor = (answers: Answer[]) => {
  let clock = 1_000_000;
  const requests: { method: string; path: string; at: number }[] = [];
  const fetchImpl = (async (url: URL, init: RequestInit) => {
    requests.push({ method: init.method!, path: url.pathname, at: clock });
    const answer = answers.shift() ?? { status: 500 };
    return new Response(answer.body === undefined ? null : JSON.stringify(answer.body), {
      status: answer.status,
      headers: answer.headers ?? {},
    });
  }) as unknown as typeof fetch;
  const now = () => clock;
  const tokens = new TokenProvider(
    async () => ({ v2Token: 't', v4: { clientId: 'c', clientSecret: 's', username: 'u', password: 'p' } }),
    'http://joor.test/auth',
    undefined,
    fetchImpl,
    now,
  );
  const budget = new CreditBudget(300, 300_000, now);
  const http = new JoorHttp(
    'http://joor.test',
    tokens,
    budget,
    {
      maxAttempts: 3,
      baseDelayMs: 1,
      maxDelayMs: 5,
      requestTimeoutMs: 1_000,
      maxThrottles: 3,
      maxInlineWaitMs: 600_000,
    },
    fetchImpl,
    now,
  );
  return { http, requests, budget, advance: (ms: number) => (clock += ms), now };
};

// JOOR's v2 envelope (api-docs.jooraccess.com, bulk-connection-postput): `response.code` 0 is success, another code
// is a refusal explained by `comment`, which JOOR may send with HTTP 200 and no job. Our emulator never did.
describe('a bulk request JOOR refuses in its envelope, with HTTP 200', () => {
  it('fails the batch’s customers with JOOR’s comment after one request, not retried by SQS', async () => {
    const joor = scriptedJoor([
      {
        status: 200,
        body: {
          bulk_connections: { response: { code: 3, comment: 'Account is not enabled for bulk connections' } },
        },
      },
    ]);
    const client = new BulkConnectionClient(joor.http, 500, { firstDelayMs: 1, maxDelayMs: 1 }, joor.now);
    const outcome = await client.upsertCustomers([makeCustomer(1), makeCustomer(2)], { remainingMs: 60_000 });
    expect(outcome).toEqual({
      complete: true,
      results: [1, 2].map((k) => ({
        customerCode: makeCustomer(k).customerCode,
        status: 'failed',
        code: 'joor_rejected',
        message: 'JOOR refused the batch (response code 3): Account is not enabled for bulk connections',
        retryable: false,
      })),
    });
    expect(joor.requests).toHaveLength(1);
  });

  it('still takes a job when the envelope says 0', async () => {
    const joor = scriptedJoor([
      {
        status: 200,
        body: {
          bulk_connections: {
            response: { code: 0, comment: 'ok' },
            bulk_connections_jobs: [
              { bulk_connections_job_id: 7, status: 'finished', connection_record_count: 1 },
            ],
          },
        },
      },
    ]);
    const client = new BulkConnectionClient(joor.http, 500, { firstDelayMs: 1, maxDelayMs: 1 }, joor.now);
    const outcome = await client.upsertCustomers([makeCustomer(1)], { remainingMs: 60_000 });
    expect(outcome).toMatchObject({ complete: true, results: [{ status: 'accepted', jobId: 7 }] });
  });
});

// RFC 9110 §10.2.3 and JOOR's rate-limit page: a 429 says when to come back with Retry-After. It wins over the
// window's reset, which at JOOR's 300 s window made a 5,000-customer run wait minutes for each 429 (issue #13).
describe('a 429 with Retry-After', () => {
  it('waits what Retry-After says, not until the window resets', async () => {
    const joor = scriptedJoor([
      {
        status: 429,
        headers: { 'retry-after': '1', 'x-ratelimit-remaining': '0', 'x-ratelimit-reset': '290' },
      },
      { status: 200, body: { ok: true } },
    ]);
    const started = Date.now();
    const answer = await joor.http.request('GET', '/v2/bulk-connection/7', undefined, joor.now() + 600_000);
    expect(answer.status).toBe(200);
    // The real wait is one second (the fake clock does not move): never the 290 s the reset header names.
    expect(Date.now() - started).toBeLessThan(5_000);
    expect(joor.requests).toHaveLength(2);
    // The second slept in the function is counted as time spent waiting on JOOR (the tenants benchmark sums it).
    expect(joor.http.usage.waitedMs).toBe(1_000);
  });

  it('waits for the window’s reset when JOOR sends no Retry-After', async () => {
    const joor = scriptedJoor([
      { status: 429, headers: { 'x-ratelimit-remaining': '0', 'x-ratelimit-reset': '290' } },
    ]);
    // The wait would pass the deadline: the client hands it back with its length (the caller lets the queue bring the
    // work back then) rather than sleep through it, or post again at once.
    const refusal = await joor.http
      .request('GET', '/v2/bulk-connection/7', undefined, joor.now() + 60_000)
      .catch((error: unknown) => error);
    expect(refusal).toMatchObject({ kind: 'wait', message: expect.stringMatching(/^Waiting 29\d{4} ms/) });
    expect((refusal as { waitMs: number }).waitMs).toBeGreaterThan(289_000);
    expect(joor.requests).toHaveLength(1);
    expect(joor.http.usage.waitedMs).toBe(0);
  });
});
