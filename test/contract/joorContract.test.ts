import { afterEach, describe, expect, it } from 'vitest';
import {
  BULK_CONNECTION_PATH,
  CREDIT_COST,
  CreditBudget,
  connectionPath,
  DEFAULT_RETRY,
  JoorHttp,
  RATE_LIMIT_HEADERS,
  REFERENCE_DATA_PATHS,
  TokenProvider,
} from '../../lambdas/adapters/joor/index.js';
import { DEFAULT_ACCOUNT, JoorEmulator } from '../../tools/emulators/joor/JoorEmulator.js';
import { JOOR_TABLE } from '../../tools/emulators/joor/joorTable.js';
import { BOTH_CREDENTIALS } from '../helpers/joor.js';

let emulator: JoorEmulator | undefined;
afterEach(async () => {
  await emulator?.stop();
  emulator = undefined;
});

/** The client's own HTTP layer, pointed at an emulator that knows JOOR only from its own table (joorTable.ts). */
const clientHttp = async () => {
  emulator = new JoorEmulator({ windowMs: 60_000, job: { baseMs: 1, perRecordMs: 0 } });
  const url = await emulator.start();
  const tokens = new TokenProvider(async () => BOTH_CREDENTIALS, `${url}/auth/`, DEFAULT_ACCOUNT.accountId);
  const http = new JoorHttp(url, tokens, new CreditBudget(300, 60_000), DEFAULT_RETRY);
  const deadline = () => Date.now() + 10_000;
  return { emulator, http, deadline };
};

// The emulator imports nothing from the client: a path, cost or header name the client has wrong meets JOOR's as
// the emulator states it, and fails here.
describe('the client’s endpoints against the emulator’s table of JOOR', () => {
  it('every path the client calls is one the emulator serves', async () => {
    const { http, deadline } = await clientHttp();
    for (const path of Object.values(REFERENCE_DATA_PATHS))
      expect([path, (await http.request('GET', path, undefined, deadline())).status]).toEqual([path, 200]);
    expect((await http.request('GET', connectionPath('NONE'), undefined, deadline())).status).toBe(404);
    const posted = await http.request(
      'POST',
      BULK_CONNECTION_PATH,
      JSON.stringify({ bulk_connections: { connection: [{ customer_code: 'X' }] } }),
      deadline(),
    );
    // Refused for its content (no name), not for its path: the route exists.
    expect(JSON.stringify(posted.body)).toMatch(/customer_name is required/);
    expect(
      (await http.request('GET', `${BULK_CONNECTION_PATH}/999`, undefined, deadline())).body,
    ).toMatchObject({
      bulk_connections: { response: { comment: 'Job 999 not found' } },
    });
  });

  it('the client counts each call at what the emulator charges for it', async () => {
    const { emulator, http, deadline } = await clientHttp();
    await http.request('GET', REFERENCE_DATA_PATHS.priceTypes, undefined, deadline());
    expect(emulator.stats().credits).toBe(CREDIT_COST.read);
    expect(http.usage.credits).toBe(CREDIT_COST.read);
    await http.request('POST', BULK_CONNECTION_PATH, '{}', deadline());
    expect(emulator.stats().credits).toBe(CREDIT_COST.read + CREDIT_COST.write);
    expect(http.usage.credits).toBe(emulator.stats().credits);
    expect(CREDIT_COST).toEqual({ read: JOOR_TABLE.credits.GET, write: JOOR_TABLE.credits.POST });
  });

  it('the rate-limit headers the client reads are the ones the emulator sends', async () => {
    const { emulator } = await clientHttp();
    const token = await new TokenProvider(
      async () => BOTH_CREDENTIALS,
      `${emulator.url()}/auth/`,
      DEFAULT_ACCOUNT.accountId,
    ).authorize(AbortSignal.timeout(5_000), 'v4');
    const answer = await fetch(`${emulator.url()}${JOOR_TABLE.paths.priceTypes}?account=1001`, {
      headers: { ...token.headers, 'content-type': 'application/json' },
    });
    await answer.body?.cancel();
    for (const name of Object.values(RATE_LIMIT_HEADERS))
      expect([name, answer.headers.has(name)]).toEqual([name, true]);
  });

  it('a v4 token is asked for once, kept, and renewed once when JOOR refuses it (401)', async () => {
    const { emulator, http, deadline } = await clientHttp();
    const read = async () =>
      (await http.request('GET', REFERENCE_DATA_PATHS.priceTypes, undefined, deadline())).status;
    const tokensAsked = () => emulator.stats().byRoute['POST /auth/'];
    expect([await read(), await read()]).toEqual([200, 200]);
    expect(tokensAsked()).toBe(1);
    emulator.revokeTokens();
    expect(await read()).toBe(200);
    expect(tokensAsked()).toBe(2);
    expect(emulator.stats().byRoute['GET /v4/price_types']).toBe(4);
  });
});
