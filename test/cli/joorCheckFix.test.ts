import { copyFileSync, mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterEach, describe, expect, it } from 'vitest';
import {
  DEFAULT_ACCOUNT,
  JoorEmulator,
  type JoorEmulatorOptions,
} from '../../tools/emulators/joor/JoorEmulator.js';
import { startIndependentJoor } from '../helpers/independentJoor.js';
import { runCli } from '../helpers/runCli.js';

const ROOT = fileURLToPath(new URL('../../', import.meta.url));
const SAMPLE = join(ROOT, 'samples/customer_sample.psv');
const SAMPLE_TENANT = join(ROOT, 'samples/tenant.sample.json');

const CREDENTIALS = {
  JOOR_API_TOKEN: DEFAULT_ACCOUNT.v2Token,
  JOOR_CLIENT_ID: DEFAULT_ACCOUNT.v4.clientId,
  JOOR_CLIENT_SECRET: DEFAULT_ACCOUNT.v4.clientSecret,
  JOOR_USERNAME: DEFAULT_ACCOUNT.v4.username,
  JOOR_PASSWORD: DEFAULT_ACCOUNT.v4.password,
};
const cliWith = (credentials: Record<string, string>, ...args: string[]) =>
  runCli(args, {
    ...Object.fromEntries(Object.entries(process.env).filter(([key]) => !key.startsWith('JOOR_'))),
    ...credentials,
  });
const cli = (...args: string[]) => cliWith(CREDENTIALS, ...args);

let emulator: JoorEmulator | undefined;
afterEach(async () => {
  await emulator?.stop();
  emulator = undefined;
});

/** Every connection the run sent (not joor-check's), with the customer's payment terms where JOOR kept them. */
const termsKept = (held: Iterable<Record<string, unknown>>) =>
  [...held]
    .filter((connection) => !String(connection.customer_code).startsWith('CSYNC-CHECK'))
    .map((connection) => ({
      code: connection.customer_code,
      flat: connection.payment_method_code,
      nested: (connection.billing as { payment_methods?: { payment_method_code: string }[] })
        .payment_methods?.[0]?.payment_method_code,
    }));

/**
 * The go-live path when JOOR answers otherwise than the defaults: `joor-check --write --fix` names the setting and
 * writes it into the tenant file; `npm start` with that file then delivers every customer as JOOR keeps it.
 */
// Each takes a whole local run (about 30 s on a shared machine).
describe('joor-check --write --fix, then a run with the fixed tenant file', { timeout: 180_000 }, () => {
  const goLive = async (profile: JoorEmulatorOptions['profile']) => {
    emulator = new JoorEmulator({ profile, job: { baseMs: 5, perRecordMs: 0 } });
    const url = await emulator.start();
    const dir = mkdtempSync(join(tmpdir(), 'customer-sync-fix-'));
    const tenant = join(dir, 'tenant.json');
    copyFileSync(SAMPLE_TENANT, tenant);
    const before = readFileSync(tenant, 'utf8');
    const check = await cli('joor-check', '--tenant', tenant, '--joor', url, '--write', '--fix', '--json');
    const run = await cli(
      'start',
      SAMPLE,
      '--tenant',
      tenant,
      '--joor',
      url,
      '--state',
      join(dir, 'state'),
      '--json',
    );
    return { check, run, before, after: readFileSync(tenant, 'utf8'), joor: emulator };
  };

  it('nested-method-codes: the terms setting named and written; every customer’s terms delivered nested', async () => {
    const { check, run, before, after, joor } = await goLive('nested-method-codes');
    expect(check.code).toBe(1);
    const output = JSON.parse(check.stdout);
    expect(
      output.checks.find((line: { check: string }) => line.check.startsWith('setting joor.methodCodes')),
    ).toMatchObject({
      answered: expect.stringMatching(/"flat" dropped; "nested" kept: set joor.methodCodes "nested"/),
      verdict: 'differs',
      setting: { key: 'joor.methodCodes', value: 'nested' },
    });
    expect(output.fix.settings).toEqual({ 'joor.methodCodes': 'nested' });
    // The rest of the file as it was: one line changed, shown as a short diff.
    const changed =
      '  "joor": { "environment": "sandbox", "accountId": "1001", "secretName": "customer-sync/maison-sample/joor", "methodCodes": "nested" },';
    expect(after.split('\n').filter((line, k) => line !== before.split('\n')[k])).toEqual([changed]);
    expect(output.fix.diff).toBe(
      ['@@ line 27 @@', `-${changed.replace(', "methodCodes": "nested"', '')}`, `+${changed}`].join('\n'),
    );
    expect(run.stderr).toBe('');
    const summary = JSON.parse(run.stdout.trim().split('\n').at(-1)!);
    expect(summary.counts.accepted).toBeGreaterThan(0);
    const sent = termsKept(joor.connectionsOf().values());
    expect(sent).toHaveLength(summary.counts.accepted);
    for (const customer of sent)
      expect(customer).toEqual({ code: customer.code, flat: undefined, nested: expect.any(String) });
  });

  // Issue #21's "done when": a JOOR written apart from ours, that keeps terms only when nested and answers the
  // connection GET in the table's literal nesting.
  it('an independent JOOR: the read-back found in the table’s nesting, the terms setting named, fixed and delivered nested', async () => {
    const joor = await startIndependentJoor('brand-v2-token', { termsOnlyNested: true, tableNesting: true });
    try {
      const dir = mkdtempSync(join(tmpdir(), 'customer-sync-fix-'));
      const tenant = join(dir, 'tenant.json');
      copyFileSync(SAMPLE_TENANT, tenant);
      const token = { JOOR_API_TOKEN: 'brand-v2-token' };
      const check = await cliWith(
        token,
        'joor-check',
        '--tenant',
        tenant,
        '--joor',
        joor.url,
        '--write',
        '--fix',
        '--json',
      );
      const output = JSON.parse(check.stdout);
      const line = (prefix: string) =>
        output.checks.find((l: { check: string }) => l.check.startsWith(prefix));
      expect(line('read back')).toMatchObject({
        answered: 'HTTP 200, under connections.connections.connection[]',
        verdict: 'ok',
      });
      expect(line('setting joor.methodCodes')).toMatchObject({
        verdict: 'differs',
        setting: { key: 'joor.methodCodes', value: 'nested' },
      });
      expect(output.fix.settings).toEqual({ 'joor.methodCodes': 'nested' });
      expect(JSON.parse(readFileSync(tenant, 'utf8')).joor.methodCodes).toBe('nested');

      const run = await cliWith(
        token,
        'start',
        SAMPLE,
        '--tenant',
        tenant,
        '--joor',
        joor.url,
        '--state',
        join(dir, 'state'),
        '--json',
      );
      expect(run.stderr).toBe('');
      const summary = JSON.parse(run.stdout.trim().split('\n').at(-1)!);
      expect(summary.counts).toMatchObject({ sent: 6, accepted: 6, failed: 0 });
      const delivered = termsKept(joor.connections.values());
      expect(delivered).toHaveLength(6);
      for (const customer of delivered)
        expect(customer).toEqual({ code: customer.code, flat: undefined, nested: expect.any(String) });
    } finally {
      await joor.stop();
    }
  });
});
