import { mkdirSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Customer } from '../../lambdas/core/types.js';
import { makeCustomer } from '../helpers/customerFactory.js';
import { PipelineHarness } from '../helpers/pipelineHarness.js';
import { runCli } from '../helpers/runCli.js';
import { writeCustomerFile } from '../helpers/writeCustomerFile.js';

const dir = mkdtempSync(join(tmpdir(), 'customer-sync-plan-'));
const stateDir = join(dir, 'state');
const fileOf = (list: Customer[]) =>
  writeCustomerFile(list, { layout: 'address-rows', delimiter: '|', header: true });
const customers = (from: number, count: number) =>
  Array.from({ length: count }, (_, k) => makeCustomer(from + k));

const write = (name: string, content: string): string => {
  const path = join(dir, name);
  writeFileSync(path, content);
  return path;
};

const listing = (root: string): string[] =>
  readdirSync(root, { recursive: true, withFileTypes: true })
    .filter((e) => e.isFile())
    .map((e) => join(e.parentPath, e.name))
    .sort();

let tenantPath = '';
let strictTenantPath = '';
let harness: PipelineHarness | undefined;

/** A state folder as `npm start --state` keeps it (`bucket/<key>`), made by the real pipeline syncing 10 customers. */
beforeAll(async () => {
  harness = await PipelineHarness.start();
  harness.upload('customer_1.psv', fileOf(customers(1, 10)));
  await harness.drain();
  for (const key of await harness.store.list('')) {
    const path = join(stateDir, 'bucket', key);
    mkdirSync(dirname(path), { recursive: true });
    writeFileSync(path, (await harness.store.getText(key))!);
  }
  tenantPath = write('tenant.json', JSON.stringify(harness.tenant));
  strictTenantPath = write('strict.json', JSON.stringify({ ...harness.tenant, massChangeThreshold: 0.05 }));
});
afterAll(async () => harness?.stop());

/** Customer 1 re-priced and moved, 2 to 9 as they were, 10 left out, 11 new. */
const nextFile = () => {
  const list = customers(1, 9);
  list[0] = { ...list[0]!, priceLabel: 'Retail USD', billing: { ...list[0]!.billing, city: 'Lyon' } };
  return write('customer_2.psv', fileOf([...list, makeCustomer(11)]));
};

describe('customer-sync plan --state', () => {
  it('prints new, changed field by field, missing and the verdict as one JSON object, and exits 0', async () => {
    const before = listing(stateDir);
    const result = await runCli(['plan', nextFile(), '--tenant', tenantPath, '--state', stateDir, '--json']);
    expect(result.stderr).toBe('');
    expect(result.code).toBe(0);
    expect(JSON.parse(result.stdout)).toEqual({
      file: 'customer_2.psv',
      status: 'success',
      verdict: 'send',
      counts: {
        rows: 14,
        customers: 10,
        validCustomers: 10,
        rejectedRows: 0,
        new: 1,
        changed: 1,
        unchanged: 8,
        missing: 1,
        known: 10,
      },
      new: ['C0000011'],
      changed: [
        {
          customerCode: 'C0000001',
          customerName: 'Boutique 1',
          changes: [
            { field: 'price_label', before: 'Wholesale USD', after: 'Retail USD' },
            { field: 'billing.city', before: 'Paris', after: 'Lyon' },
          ],
        },
      ],
      missing: ['C0000010'],
      rejected: [],
      firstSync: false,
    });
    // Only read: the folder is as it was.
    expect(listing(stateDir)).toEqual(before);
  });

  it('prints the same for a person, before → after', async () => {
    const result = await runCli(['plan', nextFile(), '--tenant', tenantPath, '--state', stateDir]);
    expect(result.code).toBe(0);
    expect(result.stdout).toContain(
      'customer_2.psv: would send 2 customers (1 new, 1 changed) to JOOR Sandbox',
    );
    expect(result.stdout).toContain('Nothing was sent: this is a plan.');
    expect(result.stdout).toContain('    price_label: Wholesale USD → Retail USD');
    expect(result.stdout).toMatch(/Missing compared with the last file \(1\), kept in JOOR:\n {2}C0000010/);
  });

  it('gives the guards’ verdict: a mass change over the tenant’s threshold is quarantined, exit 2', async () => {
    const result = await runCli([
      'plan',
      nextFile(),
      '--tenant',
      strictTenantPath,
      '--state',
      stateDir,
      '--json',
    ]);
    expect(result.code).toBe(2);
    const summary = JSON.parse(result.stdout);
    expect(summary).toMatchObject({
      status: 'refused',
      verdict: 'quarantined',
      refusal: { code: 'mass_change' },
    });
    expect(summary.changed).toHaveLength(1);
  });

  it('gives a mass drop and rejected rows their verdicts (exit 2 and 1)', async () => {
    const dropped = await runCli([
      'plan',
      write('customer_3.psv', fileOf(customers(1, 5))),
      '--tenant',
      tenantPath,
      '--state',
      stateDir,
      '--json',
    ]);
    expect(dropped.code).toBe(2);
    expect(JSON.parse(dropped.stdout)).toMatchObject({
      verdict: 'quarantined',
      refusal: { code: 'mass_drop' },
      counts: { missing: 5 },
    });
    const bad = fileOf(customers(1, 10)).replace('buyer3@shop.example', 'not-an-email');
    const rejected = await runCli([
      'plan',
      write('customer_4.psv', bad),
      '--tenant',
      tenantPath,
      '--state',
      stateDir,
      '--json',
    ]);
    expect(rejected.code).toBe(1);
    expect(JSON.parse(rejected.stdout)).toMatchObject({
      status: 'error',
      verdict: 'nothing_to_send',
      rejected: [
        expect.objectContaining({ customerCode: 'C0000003', field: 'email', code: 'invalid_email' }),
      ],
    });
  });

  it('says so against a folder with no state yet: every customer new, a first sync', async () => {
    const empty = join(dir, 'empty');
    mkdirSync(empty);
    const result = await runCli(['plan', nextFile(), '--tenant', tenantPath, '--state', empty, '--json']);
    expect(result.code).toBe(0);
    expect(JSON.parse(result.stdout)).toMatchObject({ firstSync: true, counts: { new: 10, known: 0 } });
  });

  it('refuses a name the tenant’s pattern does not take, as the splitter does: nothing would be sent (file_name)', async () => {
    const file = nextFile();
    const named = write(
      'named.json',
      JSON.stringify({ ...harness!.tenant, fileNamePattern: '^kunden_\\d+\\.psv$' }),
    );
    const result = await runCli(['plan', file, '--tenant', named, '--state', stateDir, '--json']);
    expect(result.code).toBe(2);
    expect(JSON.parse(result.stdout)).toMatchObject({
      status: 'refused',
      verdict: 'refused',
      refusal: { code: 'file_name' },
      counts: { customers: 10, new: 0, changed: 0, missing: 0 },
      new: [],
      changed: [],
    });
    const text = await runCli(['plan', file, '--tenant', named, '--state', stateDir]);
    expect(text.stdout).toContain('customer_2.psv: refused: nothing would be sent.');
    expect(text.stdout).toContain('refused (file_name): The file name "customer_2.psv" does not match');
  });

  it('exits 2 naming what is missing: --state or --stack, --tenant, the folder', async () => {
    const neither = await runCli(['plan', nextFile(), '--tenant', tenantPath]);
    expect(neither.code).toBe(2);
    expect(neither.stderr).toContain('plan needs one of --state <dir> (a local rehearsal) or --stack <name>');
    const noTenant = await runCli(['plan', nextFile(), '--state', stateDir]);
    expect(noTenant.code).toBe(2);
    expect(noTenant.stderr).toContain('plan needs --tenant <tenant.json>');
    const noFolder = await runCli([
      'plan',
      nextFile(),
      '--tenant',
      tenantPath,
      '--state',
      join(dir, 'nowhere'),
    ]);
    expect(noFolder.code).toBe(2);
    expect(noFolder.stderr).toContain('no such folder');
  });
});

describe('npm start --json and plan on the same state folder', () => {
  it('npm start --json carries each changed field, and plan made before the run said the same', async () => {
    const state = join(dir, 'sample-state');
    const sample = fileURLToPath(new URL('../../samples/customer_sample.psv', import.meta.url));
    const tenant = fileURLToPath(new URL('../../samples/tenant.sample.json', import.meta.url));
    expect((await runCli(['start', sample, '--json', '--state', state])).code).toBe(0);
    const changed = write(
      'customer_sample_2.psv',
      readFileSync(sample, 'utf8').replaceAll('orders@bloom.example', 'purchasing@bloom.example'),
    );
    const planned = await runCli(['plan', changed, '--tenant', tenant, '--state', state, '--json']);
    expect(planned.code).toBe(1);
    const started = await runCli(['start', changed, '--json', '--state', state]);
    expect(started.code).toBe(0);
    const summary = JSON.parse(started.stdout.trim().split('\n').at(-1)!);
    const expected = [
      {
        customerCode: 'C1001',
        customerName: 'Bloom Boutique',
        changes: [{ field: 'email', before: 'orders@bloom.example', after: 'purchasing@bloom.example' }],
      },
    ];
    expect(summary.counts).toMatchObject({ changed: 1, unchanged: 5, accepted: 1 });
    expect(summary.changed).toEqual(expected);
    expect(JSON.parse(planned.stdout).changed).toEqual(expected);
  }, 120_000);
});
