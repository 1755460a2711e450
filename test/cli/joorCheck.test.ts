import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEFAULT_ACCOUNT, JoorEmulator } from '../../tools/emulators/joor/JoorEmulator.js';
import { runCli } from '../helpers/runCli.js';

const dir = mkdtempSync(join(tmpdir(), 'customer-sync-joor-check-'));
const REFERENCE = { priceTypes: [{ currency: 'USD', label: 'Wholesale USD' }], customerGroups: ['BOUTIQUE'] };

const tenantFile = (name: string, referenceData: unknown): string => {
  const path = join(dir, name);
  writeFileSync(
    path,
    JSON.stringify({ tenantId: 'check-brand', referenceData, joor: { accountId: '1001' } }),
  );
  return path;
};

const CREDENTIALS = {
  JOOR_API_TOKEN: DEFAULT_ACCOUNT.v2Token,
  JOOR_CLIENT_ID: DEFAULT_ACCOUNT.v4.clientId,
  JOOR_CLIENT_SECRET: DEFAULT_ACCOUNT.v4.clientSecret,
  JOOR_USERNAME: DEFAULT_ACCOUNT.v4.username,
  JOOR_PASSWORD: DEFAULT_ACCOUNT.v4.password,
};

/** The CLI with these JOOR variables and none of the machine's. */
const cli = (env: Record<string, string>, ...args: string[]) =>
  runCli(args, {
    ...Object.fromEntries(Object.entries(process.env).filter(([key]) => !key.startsWith('JOOR_'))),
    ...env,
  });

let emulator: JoorEmulator;
let url: string;
beforeAll(async () => {
  emulator = new JoorEmulator({
    job: { baseMs: 5, perRecordMs: 0 },
    accounts: [{ ...DEFAULT_ACCOUNT, referenceData: REFERENCE }],
  });
  url = await emulator.start();
});
afterAll(() => emulator.stop());

describe('customer-sync joor-check', () => {
  it('exits 0 and prints the table when nothing differs', async () => {
    const result = await cli(
      CREDENTIALS,
      'joor-check',
      '--tenant',
      tenantFile('ok.json', REFERENCE),
      '--joor',
      url,
    );
    expect(result.stderr).toBe('');
    expect(result.code).toBe(0);
    expect(result.stdout).toMatch(/^check\s+expected\s+JOOR answered\s+verdict$/m);
    expect(result.stdout).toMatch(/read-only \(add --write/);
    expect(result.stdout).toMatch(/\d+ ok, 0 differ, 0 unknown/);
  });

  it('--write --json: one object with checks and calls; exit 1 when a list differs', async () => {
    const result = await cli(
      CREDENTIALS,
      'joor-check',
      '--tenant',
      tenantFile('differs.json', { ...REFERENCE, customerGroups: ['BOUTIQUE', 'OUTLET'] }),
      '--joor',
      url,
      '--write',
      '--code',
      'CSYNC-CHECK-CLI',
      '--json',
    );
    expect(result.code).toBe(1);
    const output = JSON.parse(result.stdout);
    expect(output).toMatchObject({
      joor: url,
      account: '1001',
      code: 'CSYNC-CHECK-CLI',
      write: true,
      ok: false,
    });
    expect(output.checks.filter((line: { verdict: string }) => line.verdict === 'differs')).toEqual([
      {
        check: 'reference data: customerGroups',
        expected: 'BOUTIQUE, OUTLET',
        answered: 'JOOR lacks OUTLET',
        verdict: 'differs',
      },
    ]);
    expect(output.calls.some((call: { path: string }) => call.path === '/v2/bulk-connection')).toBe(true);
    expect(emulator.connectionsOf().has('CSYNC-CHECK-CLI')).toBe(true);
  });

  it('exits 2 naming what is missing: the tenant, the token, or --allow-production for a write to production', async () => {
    const tenant = tenantFile('any.json', REFERENCE);
    expect((await cli(CREDENTIALS, 'joor-check')).stderr).toMatch(/joor-check needs --tenant/);
    const noToken = await cli({}, 'joor-check', '--tenant', tenant, '--joor', url);
    expect(noToken).toMatchObject({ code: 2, stderr: expect.stringMatching(/Set JOOR_API_TOKEN/) });
    const production = await cli(
      CREDENTIALS,
      'joor-check',
      '--tenant',
      tenant,
      '--joor',
      'production',
      '--write',
    );
    expect(production).toMatchObject({ code: 2, stderr: expect.stringMatching(/--allow-production/) });
  });
});
