import { describe, expect, it } from 'vitest';
import { REFERENCE_DATA_PATHS } from '../../../lambdas/adapters/joor/index.js';
import { readAccountList, readAccountLists } from '../../../tools/joorAccount/readAccountLists.js';

const LISTS = Object.keys(REFERENCE_DATA_PATHS).length;

/** A JOOR answering every v4 list with this body, recording each list request's headers. */
const joorAnswering = (body: unknown) => {
  const headers: Headers[] = [];
  const fetchImpl = (async (url: URL | string, init: RequestInit) => {
    if (String(url).endsWith('/auth'))
      return new Response(JSON.stringify({ access_token: 'a', expires_in: 36_000 }), { status: 200 });
    headers.push(new Headers(init.headers));
    return new Response(JSON.stringify(body), { status: 200 });
  }) as unknown as typeof fetch;
  const read = () =>
    readAccountLists({
      baseUrl: 'http://joor.test',
      authUrl: 'http://joor.test/auth',
      accountId: '1001',
      credentials: { v4: { clientId: 'c', clientSecret: 's', username: 'u', password: 'p' } },
      fetchImpl,
    });
  return { read, headers };
};

describe('readAccountLists', () => {
  // An integrator's code shows v4 answers with HTTP 200 that carry `errors[]`, their status a word.
  it('takes a list JOOR answers with errors, even with HTTP 200, as unavailable in JOOR’s words, not as empty', async () => {
    const joor = joorAnswering({
      data: [],
      errors: [{ status: 'DUPLICATED', message: 'Price type already exists' }],
    });
    const { lists, unavailable } = await joor.read();
    expect(lists).toEqual({});
    expect(unavailable).toHaveLength(LISTS);
    expect(unavailable[0]).toEqual({
      list: 'priceTypes',
      why: 'GET /v4/price_types answered with errors: DUPLICATED: Price type already exists',
    });
  });

  it('sends Content-Type on every call, a GET too (definitions-and-conventions)', async () => {
    const joor = joorAnswering({ data: [], errors: [] });
    const { lists } = await joor.read();
    expect(Object.keys(lists)).toHaveLength(LISTS);
    expect(joor.headers.map((h) => h.get('content-type'))).toEqual(Array(LISTS).fill('application/json'));
  });
});

// init and joor-check both read the lists through readAccountList: one decision of what a list is.
describe('readAccountList', () => {
  const answering =
    (body: unknown, status = 200) =>
    async () => ({ status, body });

  it('takes an HTTP 200 without a data list as unavailable, not as an empty list', async () => {
    const read = await readAccountList(answering({ errors: [] }), 'warehouses');
    expect(read).toMatchObject({
      path: '/v4/warehouses',
      unavailable: 'GET /v4/warehouses answered HTTP 200',
    });
  });

  it('leaves out the items it cannot read, keeping the objects JOOR sent for a check of their shape', async () => {
    const data = [{ code: 'NYC' }, { code: '' }, { name: 'no code' }, null, 'text', { code: 7 }];
    const read = await readAccountList(answering({ data, errors: [] }), 'warehouses');
    expect(read).toMatchObject({
      items: [{ code: 'NYC' }],
      data: [{ code: 'NYC' }, { code: '' }, { name: 'no code' }, { code: 7 }],
    });
  });
});
