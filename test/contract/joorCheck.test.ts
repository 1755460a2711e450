import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { createJoorClient } from '../../lambdas/adapters/joor/index.js';
import type { ReferenceData } from '../../lambdas/core/config/index.js';
import { parseTenantConfig } from '../../lambdas/core/config/index.js';
import type { JoorCredentials } from '../../lambdas/core/ports/index.js';
import { loadTenant } from '../../tools/cli/loadTenant.js';
import {
  DEFAULT_ACCOUNT,
  JoorEmulator,
  type JoorEmulatorOptions,
} from '../../tools/emulators/joor/JoorEmulator.js';
import { EMULATOR_PROFILES } from '../../tools/emulators/joor/types.js';
import type { CheckLine } from '../../tools/joorCheck/CheckLine.js';
import { fixSettings } from '../../tools/joorCheck/fixSettings.js';
import { runJoorCheck } from '../../tools/joorCheck/runJoorCheck.js';
import { makeCustomer } from '../helpers/customerFactory.js';
import { BOTH_CREDENTIALS, FAST } from '../helpers/joor.js';

const REFERENCE: ReferenceData = {
  priceTypes: [{ currency: 'USD', label: 'Wholesale USD' }],
  paymentTerms: ['NET30'],
  shippingMethods: ['UPS'],
  salesReps: [{ code: 'REP01', email: 'anna@brand.example' }],
  warehouses: ['NYC'],
  customerGroups: ['BOUTIQUE'],
  companyNumbers: ['01'],
};

let emulator: JoorEmulator | undefined;
afterEach(async () => {
  await emulator?.stop();
  emulator = undefined;
});

const check = async (
  emulatorOptions: JoorEmulatorOptions,
  { reference = REFERENCE, credentials = BOTH_CREDENTIALS, write = true } = {} as {
    reference?: ReferenceData;
    credentials?: JoorCredentials;
    write?: boolean;
  },
) => {
  emulator = new JoorEmulator({
    job: { baseMs: 5, perRecordMs: 0 },
    accounts: [{ ...DEFAULT_ACCOUNT, referenceData: REFERENCE }],
    ...emulatorOptions,
  });
  const url = await emulator.start();
  const tenant = parseTenantConfig({
    tenantId: 'check-brand',
    referenceData: reference,
    joor: { accountId: DEFAULT_ACCOUNT.accountId },
  });
  return runJoorCheck({
    tenant,
    joor: { baseUrl: url, authUrl: `${url}/auth/`, credentials },
    write,
    code: 'CSYNC-CHECK-TEST',
    poll: { firstDelayMs: 10, maxDelayMs: 50 },
  });
};

const differing = (checks: CheckLine[]) => checks.filter((line) => line.verdict === 'differs');

// The emulator's `documented` profile is our assumptions: the check must pass on it whole and, on each profile that
// answers otherwise where JOOR's documents are silent, point at that point and no other.
describe('joor-check against the emulator', () => {
  it('documented: every check ok, the test connection written and read back field by field', async () => {
    const result = await check({ profile: 'documented' });
    expect(differing(result.checks)).toEqual([]);
    expect(result.checks.filter((line) => line.verdict === 'unknown')).toEqual([]);
    expect(result.ok).toBe(true);
    const fields = result.checks.filter((line) => line.check.startsWith('field '));
    expect(fields.map((line) => line.check)).toEqual(
      expect.arrayContaining([
        'field customer_alias',
        'field warehouse_code',
        'field payment_method_code',
        'field price_type_label',
        'field shipping_address_1',
      ]),
    );
    expect(fields.find((line) => line.check === 'field warehouse_code')?.answered).toBe(
      'NYC (at warehouses.warehouse[0].warehouse_code)',
    );
    expect(emulator!.connectionsOf().has('CSYNC-CHECK-TEST')).toBe(true);
    expect(emulator!.connectionsOf().has('CSYNC-CHECK-TEST-INVALID')).toBe(false);
  });

  it('price-types-array: the upsert differs, naming price_types, and the array form is the value to use', async () => {
    const result = await check({ profile: 'price-types-array' });
    expect(differing(result.checks)).toEqual([
      expect.objectContaining({
        check: 'bulk upsert of CSYNC-CHECK-TEST (POST /v2/bulk-connection)',
        answered: expect.stringMatching(/HTTP 400.*price_types must be a list/),
      }),
      expect.objectContaining({
        check: 'setting joor.priceTypes (price_types an object or a list)',
        answered: expect.stringMatching(/"object" refused .*"array" kept: set joor.priceTypes "array"/),
        setting: { key: 'joor.priceTypes', value: 'array' },
      }),
    ]);
    expect(result.ok).toBe(false);
  });

  // Each profile is a JOOR that wants the other value of one open point: the check names that setting alone.
  it.each([
    ['nested-method-codes', 'joor.methodCodes', 'nested', /"flat" dropped; "nested" kept/],
    ['contact-email', 'joor.emailField', 'customer_contact_email', /read back as customer_contact_email/],
    [
      'retail-currency',
      'joor.retailCurrency',
      true,
      /false refused .*retail_currency_code is required.*true kept/,
    ],
    [
      'email-required',
      'joor.emailRequired',
      true,
      /without an email refused .*customer_contact_email is required/,
    ],
    ['no-refresh-grant', 'joor.refreshGrant', false, /refused \(HTTP 401\); the password grant was used/],
  ] as const)('%s: the table line names %s and the value %s', async (profile, key, value, answered) => {
    const result = await check({ profile });
    const lines = differing(result.checks).filter((line) => line.setting);
    expect(lines).toEqual([expect.objectContaining({ answered: expect.stringMatching(answered) })]);
    expect(lines[0]!.setting).toEqual({ key, value });
  });

  it('table-nesting: the read-back finds the connection in the table’s literal nesting and says so', async () => {
    const result = await check({ profile: 'table-nesting' });
    expect(differing(result.checks)).toEqual([]);
    expect(result.checks.find((line) => line.check.startsWith('read back'))?.answered).toBe(
      'HTTP 200, under connections.connections.connection[]',
    );
    expect(result.checks.filter((line) => line.check.startsWith('field ')).length).toBeGreaterThan(20);
  });

  it('counts the credits of the alternatives tried, one upsert each on a connection of its own', async () => {
    const result = await check({});
    const tried = result.checks.find((line) => line.check.startsWith('open points tried'))!;
    const [, upserts, credits] = /^(\d+) upserts .*, (\d+) credits$/.exec(tried.answered)!;
    const posts = result.calls.filter((call) => call.method === 'POST' && call.grant === undefined);
    // The base upsert, the alternatives, and the invalid record.
    expect(posts).toHaveLength(Number(upserts) + 2);
    expect(Number(credits)).toBeGreaterThanOrEqual(Number(upserts) * 6);
  });

  it('no-record-errors: the refusal differs, naming no record', async () => {
    const result = await check({ profile: 'no-record-errors' });
    expect(differing(result.checks)).toEqual([
      expect.objectContaining({
        check: expect.stringMatching(/^refusal of an invalid record/),
        answered: expect.stringMatching(/^HTTP 400, response.code 1, names no record/),
      }),
    ]);
  });

  it('refusal-in-envelope: the refusal differs, answered with HTTP 200 and a non-zero code', async () => {
    const result = await check({ profile: 'refusal-in-envelope' });
    expect(differing(result.checks)).toEqual([
      expect.objectContaining({
        check: expect.stringMatching(/^refusal of an invalid record/),
        answered: expect.stringMatching(/^HTTP 200, response.code 1/),
      }),
    ]);
  });

  it('names the codes the config lists that JOOR lacks, and the other way round', async () => {
    const result = await check(
      {},
      { reference: { ...REFERENCE, warehouses: ['NYC', 'PAR'], customerGroups: [] }, write: false },
    );
    expect(differing(result.checks).map((line) => [line.check, line.answered])).toEqual([
      ['reference data: warehouses', 'JOOR lacks PAR'],
      ['reference data: customerGroups', 'the config lacks BOUTIQUE'],
    ]);
  });

  it('a wrong v2 token differs on v2 auth; without v4 credentials the v4 checks are unknown, not failed', async () => {
    const result = await check({}, { credentials: { v2Token: 'not-the-token' }, write: false });
    expect(differing(result.checks).map((line) => line.check)).toEqual(['v2 auth (OAuth2 <base64 token>)']);
    expect(result.checks.find((line) => line.check.startsWith('v4 auth'))?.verdict).toBe('unknown');
  });

  it('names refused v4 credentials as plainly as a refused v2 token, with the variables to check', async () => {
    const result = await check(
      {},
      {
        credentials: { ...BOTH_CREDENTIALS, v4: { ...BOTH_CREDENTIALS.v4!, password: 'not-the-password' } },
        write: false,
      },
    );
    expect(result.checks.find((line) => line.check.startsWith('v4 token'))).toMatchObject({
      verdict: 'differs',
      answered:
        'refused: JOOR refused the v4 credentials (HTTP 401): check JOOR_CLIENT_ID, JOOR_CLIENT_SECRET, JOOR_USERNAME and JOOR_PASSWORD',
    });
  });

  it('reads what each call cost from the rate-limit headers, and never records a credential', async () => {
    const result = await check({});
    const line = (name: string) => result.checks.find((l) => l.check.startsWith(name));
    expect(line('credits per read')).toMatchObject({ answered: '1', verdict: 'ok' });
    expect(line('credits per write')).toMatchObject({ answered: '5', verdict: 'ok' });
    expect(line('x-throttling-account-id')).toMatchObject({ answered: '1001', verdict: 'ok' });
    const recorded = JSON.stringify(result);
    for (const secret of [
      DEFAULT_ACCOUNT.v2Token,
      DEFAULT_ACCOUNT.v4.password,
      DEFAULT_ACCOUNT.v4.clientSecret,
    ])
      expect(recorded).not.toContain(secret);
  });

  it('a second check the same day updates the test connection rather than creating another', async () => {
    const first = await check({});
    expect(first.ok).toBe(true);
    const again = await runJoorCheck({
      tenant: parseTenantConfig({
        tenantId: 'check-brand',
        referenceData: REFERENCE,
        joor: { accountId: DEFAULT_ACCOUNT.accountId },
      }),
      joor: { baseUrl: emulator!.url(), authUrl: `${emulator!.url()}/auth/`, credentials: BOTH_CREDENTIALS },
      write: true,
      code: 'CSYNC-CHECK-TEST',
      poll: { firstDelayMs: 10, maxDelayMs: 50 },
    });
    expect(again.ok).toBe(true);
    // The test connection and one per alternative tried: created by the first check, updated by the second.
    const { creates, updates } = emulator!.stats();
    expect(creates).toBe(emulator!.connectionsOf().size);
    expect(updates).toBe(creates);
    expect([...emulator!.connectionsOf().keys()].every((code) => code.startsWith('CSYNC-CHECK-TEST'))).toBe(
      true,
    );
  });
});

/** Every value of a stored connection by the key it is held under, wherever it is nested. */
const valuesOf = (value: unknown, key = ''): string[] =>
  Array.isArray(value)
    ? value.flatMap((item) => valuesOf(item, key))
    : typeof value === 'object' && value !== null
      ? Object.entries(value).flatMap(([inner, item]) => valuesOf(item, inner))
      : [`${key}=${String(value)}`];

// The go-live path on every profile: the check settles the points, --fix writes them, and the client with the fixed
// tenant file delivers every customer whole (terms, email, price type) as that JOOR keeps them.
describe('joor-check --write --fix, then the client with the fixed tenant file', () => {
  it.each(EMULATOR_PROFILES)(
    '%s: every customer delivered with its terms, email and price type',
    async (profile) => {
      emulator = new JoorEmulator({
        profile,
        job: { baseMs: 5, perRecordMs: 0 },
        accounts: [{ ...DEFAULT_ACCOUNT, referenceData: REFERENCE }],
      });
      const url = await emulator.start();
      const file = join(mkdtempSync(join(tmpdir(), 'customer-sync-fix-')), 'tenant.json');
      writeFileSync(
        file,
        `${JSON.stringify({ tenantId: 'check-brand', referenceData: REFERENCE, joor: { accountId: '1001', baseUrl: url, authUrl: `${url}/auth/` } }, null, 2)}\n`,
      );
      const result = await runJoorCheck({
        tenant: await loadTenant(file),
        joor: { baseUrl: url, authUrl: `${url}/auth/`, credentials: BOTH_CREDENTIALS },
        write: true,
        code: 'CSYNC-CHECK-TEST',
        poll: { firstDelayMs: 10, maxDelayMs: 50 },
      });
      const before = readFileSync(file, 'utf8');
      const fix = await fixSettings(file, result.checks);
      // A profile that wants every default (documented, and those about other points): nothing written.
      const wantsDefaults = ['documented', 'table-nesting', 'no-record-errors', 'refusal-in-envelope'];
      if (wantsDefaults.includes(profile))
        expect([fix.diff, readFileSync(file, 'utf8')]).toEqual(['', before]);
      else expect(fix.diff).not.toBe('');
      const client = createJoorClient(await loadTenant(file), {
        credentials: async () => BOTH_CREDENTIALS,
        ...FAST,
      });
      const batch = [1, 2, 3].map((n) => ({ ...makeCustomer(n), shippingMethodCode: 'UPS' }));
      const outcome = await client.upsertCustomers(batch, { remainingMs: 60_000 });
      expect(outcome.complete && outcome.results.every((r) => r.status === 'accepted')).toBe(true);
      for (const customer of batch) {
        const held = valuesOf(emulator.connectionsOf().get(customer.customerCode));
        expect(held).toEqual(
          expect.arrayContaining([
            'payment_method_code=NET30',
            'shipping_method_code=UPS',
            expect.stringMatching(new RegExp(`email=${customer.email}$`)),
            'price_type_label=Wholesale USD',
          ]),
        );
      }
    },
  );
});

describe('the README’s JOOR table', () => {
  it('names only lines that joor-check prints', async () => {
    const readme = readFileSync(new URL('../../README.md', import.meta.url), 'utf8');
    const table = readme.slice(readme.indexOf('| Point | Evidence | `joor-check` line |'));
    const rows = table.slice(0, table.indexOf('\n\n')).split('\n').slice(2);
    const cited = rows.flatMap((row) =>
      [...(row.split('|')[3] ?? '').matchAll(/`([^`]+)`/g)].map((match) => match[1]!.split(/[<…*]/)[0]!),
    );
    expect(cited.length).toBeGreaterThan(15);
    const { checks } = await check({});
    const missing = cited.filter((prefix) => !checks.some((line) => line.check.startsWith(prefix)));
    expect(missing).toEqual([]);
  });
});
