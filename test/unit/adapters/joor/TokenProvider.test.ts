import { describe, expect, it } from 'vitest';
import { TokenProvider } from '../../../../lambdas/adapters/joor/TokenProvider.js';

const V4 = { clientId: 'client', clientSecret: 'secret', username: 'user@brand.example', password: 'pw' };
const HOUR = 3_600_000;

/** An auth host that records each token request's form and answers from a script. */
const authHost = (answers: { status: number; body?: object }[]) => {
  const forms: Record<string, string>[] = [];
  const contentTypes: (string | null)[] = [];
  const fetchImpl = (async (_url: string, init: RequestInit) => {
    const request = new Request('http://auth.test/auth/', init);
    contentTypes.push(request.headers.get('content-type'));
    forms.push(Object.fromEntries([...(await request.formData()).entries()].map(([k, v]) => [k, String(v)])));
    const answer = answers.shift()!;
    return new Response(answer.body ? JSON.stringify(answer.body) : null, { status: answer.status });
  }) as unknown as typeof fetch;
  return { fetchImpl, forms, contentTypes };
};

// JOOR's auth page (how-to-authenticate): `POST /auth/` with multipart form data (client_id, grant_type=password,
// client_secret, username, password); the answer has `expires_in: 36000` and a `refresh_token`.
describe('the v4 token', () => {
  it('is asked for with multipart form data, renewed with its refresh token, and by password when that is refused', async () => {
    let clock = 0;
    const host = authHost([
      { status: 200, body: { access_token: 'a1', expires_in: 36_000, refresh_token: 'r1' } },
      { status: 200, body: { access_token: 'a2', expires_in: 36_000, refresh_token: 'r2' } },
      { status: 400, body: { error: 'invalid_grant' } },
      { status: 200, body: { access_token: 'a3', expires_in: 36_000, refresh_token: 'r3' } },
    ]);
    const tokens = new TokenProvider(
      async () => ({ v4: V4 }),
      'http://auth.test/auth/',
      '1001',
      host.fetchImpl,
      () => clock,
    );
    const signal = new AbortController().signal;
    expect((await tokens.authorize(signal, 'v4')).headers.authorization).toBe('Bearer a1');
    expect((await tokens.authorize(signal, 'v4')).query).toEqual({ account: '1001' });
    expect(host.forms).toHaveLength(1);
    expect(host.contentTypes[0]).toMatch(/^multipart\/form-data; boundary=/);
    expect(host.forms[0]).toEqual({
      client_id: 'client',
      grant_type: 'password',
      client_secret: 'secret',
      username: 'user@brand.example',
      password: 'pw',
    });
    clock += 10 * HOUR; // past the token's life
    expect((await tokens.authorize(signal, 'v4')).headers.authorization).toBe('Bearer a2');
    expect(host.forms[1]).toEqual({
      client_id: 'client',
      grant_type: 'refresh_token',
      client_secret: 'secret',
      refresh_token: 'r1',
    });
    clock += 10 * HOUR;
    expect((await tokens.authorize(signal, 'v4')).headers.authorization).toBe('Bearer a3');
    expect(host.forms.slice(2).map((f) => f.grant_type)).toEqual(['refresh_token', 'password']);
  });

  it('is renewed by the password grant alone when the tenant says JOOR has no refresh grant (joor.refreshGrant)', async () => {
    let clock = 0;
    const host = authHost([
      { status: 200, body: { access_token: 'a1', expires_in: 36_000, refresh_token: 'r1' } },
      { status: 200, body: { access_token: 'a2', expires_in: 36_000, refresh_token: 'r2' } },
    ]);
    const tokens = new TokenProvider(
      async () => ({ v4: V4 }),
      'http://auth.test/auth/',
      '1001',
      host.fetchImpl,
      () => clock,
      false,
    );
    const signal = new AbortController().signal;
    await tokens.authorize(signal, 'v4');
    clock += 10 * HOUR;
    expect((await tokens.authorize(signal, 'v4')).headers.authorization).toBe('Bearer a2');
    expect(host.forms.map((f) => f.grant_type)).toEqual(['password', 'password']);
  });

  it('is never used for a v2 call, which takes the v2 token as OAuth2 <base64>', async () => {
    const host = authHost([]);
    const tokens = new TokenProvider(
      async () => ({ v2Token: 'tok', v4: V4 }),
      'http://auth.test/auth/',
      '1001',
      host.fetchImpl,
    );
    const auth = await tokens.authorize(new AbortController().signal, 'v2');
    expect(auth).toEqual({
      headers: { authorization: `OAuth2 ${Buffer.from('tok').toString('base64')}` },
      query: {},
    });
    expect(host.forms).toEqual([]);
  });
});
