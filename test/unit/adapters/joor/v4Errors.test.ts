import { describe, expect, it } from 'vitest';
import { BulkConnectionClient } from '../../../../lambdas/adapters/joor/BulkConnectionClient.js';
import { CreditBudget } from '../../../../lambdas/adapters/joor/CreditBudget.js';
import { JoorHttp } from '../../../../lambdas/adapters/joor/JoorHttp.js';
import { TokenProvider } from '../../../../lambdas/adapters/joor/TokenProvider.js';
import { describeV4Errors, v4ErrorsOf } from '../../../../lambdas/adapters/joor/v4Responses.js';

/** A JOOR answering every v4 list with this body, recording each request's headers. */
const joorAnswering = (body: unknown) => {
  const headers: Headers[] = [];
  const fetchImpl = (async (url: URL | string, init: RequestInit) => {
    if (String(url).endsWith('/auth'))
      return new Response(JSON.stringify({ access_token: 'a', expires_in: 36_000 }), { status: 200 });
    headers.push(new Headers(init.headers));
    return new Response(JSON.stringify(body), { status: 200 });
  }) as unknown as typeof fetch;
  const tokens = new TokenProvider(
    async () => ({ v4: { clientId: 'c', clientSecret: 's', username: 'u', password: 'p' } }),
    'http://joor.test/auth',
    '1001',
    fetchImpl,
  );
  const http = new JoorHttp('http://joor.test', tokens, new CreditBudget(300, 300_000), undefined, fetchImpl);
  return { client: new BulkConnectionClient(http, 500), headers };
};

// An integrator's code shows v4 answers with HTTP 200 that carry `errors[]`, their status a word.
describe('v4 errors', () => {
  it('are read on an HTTP 200 answer: reference data JOOR reports a problem with is refused with its words', async () => {
    const joor = joorAnswering({
      data: [],
      errors: [{ status: 'DUPLICATED', message: 'Price type already exists' }],
    });
    await expect(joor.client.fetchReferenceData({ remainingMs: 10_000 })).rejects.toThrow(
      'JOOR answered /v4/price_types with errors: DUPLICATED: Price type already exists',
    );
  });

  it('every call carries Content-Type, a GET too (definitions-and-conventions)', async () => {
    const joor = joorAnswering({ data: [], errors: [] });
    await joor.client.fetchReferenceData({ remainingMs: 10_000 });
    expect(joor.headers.length).toBeGreaterThan(0);
    expect(joor.headers.every((h) => h.get('content-type') === 'application/json')).toBe(true);
  });

  it('take a number or a word as status, and any answer without a list as none', () => {
    expect(v4ErrorsOf({ errors: [{ status: 404, message: 'No route' }, 'junk'] })).toEqual([
      { status: 404, message: 'No route' },
    ]);
    expect(v4ErrorsOf({ data: [] })).toEqual([]);
    expect(v4ErrorsOf('text')).toEqual([]);
    expect(describeV4Errors([{ status: 'DUPLICATED' }, {}])).toBe('DUPLICATED; an error without a message');
  });
});
