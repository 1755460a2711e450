import { mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { GetObjectCommand, ListObjectVersionsCommand } from '@aws-sdk/client-s3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { SyncReport } from '../../lambdas/core/reporting/SyncReport.js';
import { keys } from '../../lambdas/pipeline/keys.js';
import { OPERATOR_ACTIONS, operatorPermissions } from '../../lib/platform/operatorActions.js';
import { hashedCode } from '../../tools/operator/erasure/eraseCustomers.js';
import { makeCustomer } from '../helpers/customerFactory.js';
import { V2_CREDENTIALS } from '../helpers/joor.js';
import { type OperatorPlatform, settle, startOperatorPlatform } from '../helpers/operatorPlatform.js';
import { runCli } from '../helpers/runCli.js';
import { writeCustomerFile } from '../helpers/writeCustomerFile.js';

let platform: OperatorPlatform;

/** The customer erased, and what identifies them in every object. */
const ERASED = makeCustomer(3);
const TRACES = [ERASED.email!, ERASED.customerName, ERASED.customerCode];
const KEPT = makeCustomer(1);

/** The CLI as an operator runs it (the stack found by name), through a proxy that records every AWS call it makes. */
const cli = (...args: string[]) => platform.cli(...args);
const json = (...args: string[]) => platform.json(...args);
const file = (customers: ReturnType<typeof makeCustomer>[]) =>
  writeCustomerFile(customers, { layout: 'address-rows', delimiter: '|', header: true });
const upload = async (name: string, body: string) => {
  await platform.upload('maison', name, body);
  await settle(platform.deploy());
};

/** Every version of every object of the bucket, with its text. */
const everyVersion = async (): Promise<{ key: string; versionId: string; text: string }[]> => {
  const all: { key: string; versionId: string; text: string }[] = [];
  let KeyMarker: string | undefined;
  let VersionIdMarker: string | undefined;
  for (;;) {
    const page = await platform.stack.s3.send(
      new ListObjectVersionsCommand({ Bucket: platform.stack.bucket, KeyMarker, VersionIdMarker }),
    );
    for (const v of page.Versions ?? []) {
      const body = await platform.stack.s3.send(
        new GetObjectCommand({ Bucket: platform.stack.bucket, Key: v.Key!, VersionId: v.VersionId }),
      );
      all.push({ key: v.Key!, versionId: v.VersionId!, text: await body.Body!.transformToString() });
    }
    if (!page.IsTruncated) return all;
    KeyMarker = page.NextKeyMarker;
    VersionIdMarker = page.NextVersionIdMarker;
  }
};
const holding = (versions: { key: string; text: string }[], traces: string[]) =>
  versions.filter((v) => traces.some((t) => new RegExp(`${t}(?![0-9])`).test(v.text))).map((v) => v.key);

beforeAll(async () => {
  platform = await startOperatorPlatform({
    name: 'erase',
    tenants: ['maison'],
    cliEnv: { JOOR_API_TOKEN: V2_CREDENTIALS.v2Token! },
  });
  const four = [1, 2, 3, 4].map((n) => makeCustomer(n));
  await upload('customer_1.psv', file(four));
  // The second file rejects the erased customer's row (a bad email): the report quotes their name and value.
  await upload(
    'customer_2.psv',
    file([
      four[0]!,
      four[1]!,
      { ...ERASED, email: 'not-an-email' },
      { ...four[3]!, phone: '+1 212 555 0199' },
    ]),
  );
}, 180_000);
afterAll(async () => {
  await platform?.stop();
});

describe('customer-sync erase over moto (#23)', { timeout: 180_000 }, () => {
  it('without --yes says what it would change and changes nothing', async () => {
    const before = holding(await everyVersion(), TRACES);
    expect(before.length).toBeGreaterThan(5);
    const shown = await cli('erase', 'maison', ERASED.customerCode);
    expect(shown.code, shown.stderr).toBe(0);
    expect(shown.stdout).toMatch(/^Would erase 1 customer\(s\) of maison: \d+ object\(s\) to rewrite/);
    expect(shown.stdout).toContain('rewrite processed/maison/');
    expect(shown.stdout).toContain('Add --yes to do it.');
    expect(shown.stdout).toContain('cannot be recalled');
    expect(holding(await everyVersion(), TRACES)).toEqual(before);
  });

  it('with --yes leaves no trace of the customer in any version of any object, and keeps the others', async () => {
    const erased = await json('erase', 'maison', ERASED.customerCode, '--in-joor', '--yes');
    expect(erased).toMatchObject({ applied: true, customers: 1, pendingRuns: [] });
    expect(erased.counts.rowsRemoved).toBeGreaterThanOrEqual(4);
    expect(erased.joor).toEqual([{ customerCode: ERASED.customerCode, outcome: 'deleted' }]);
    expect(platform.joor.emulator.connectionsOf().has(ERASED.customerCode)).toBe(false);
    expect(platform.joor.emulator.connectionsOf().has(KEPT.customerCode)).toBe(true);
    expect(erased.notes.join(' ')).toMatch(/work queue hold full customer records .* expire within \d+ day/);

    const versions = await everyVersion();
    expect(holding(versions, TRACES)).toEqual([]);
    // The others stay: in the archived files, the reports and the synced state.
    const latest = async (key: string) =>
      await (
        await platform.stack.s3.send(new GetObjectCommand({ Bucket: platform.stack.bucket, Key: key }))
      ).Body!.transformToString();
    const processed = versions.filter((v) => v.key.startsWith('processed/maison/'));
    expect(processed.length).toBeGreaterThan(0);
    for (const v of processed) expect(v.text).toContain(KEPT.email!);
    const snapshots = versions.filter((v) => v.key.endsWith('snapshot.json'));
    expect(snapshots).toHaveLength(1);
    expect(Object.keys(JSON.parse(snapshots[0]!.text).hashes).sort()).toEqual([
      'C0000001',
      'C0000002',
      'C0000004',
    ]);
    const reports = versions.filter((v) => v.key.endsWith('report.html'));
    expect(reports).toHaveLength(2);
    for (const r of reports) expect(r.text).toContain('<html');
    // The record of the erasure holds counts and a hashed code, nothing personal.
    const record = JSON.parse(await latest(erased.record));
    expect(record).toMatchObject({
      tenantId: 'maison',
      customers: [hashedCode('maison', ERASED.customerCode)],
    });
    expect(holding([{ key: erased.record, text: JSON.stringify(record) }], TRACES)).toEqual([]);
  });

  it('is safe to run again: nothing left to change', async () => {
    const again = await json('erase', 'maison', ERASED.customerCode, '--in-joor', '--yes');
    expect(again.changes).toEqual([]);
    expect(again.joor).toEqual([{ customerCode: ERASED.customerCode, outcome: 'absent' }]);
  });

  it('makes a later file holding the customer treat them as new', async () => {
    await upload('customer_3.psv', file([1, 2, 3, 4].map((n) => makeCustomer(n))));
    const { runs } = await json('runs', '--tenant', 'maison', '--limit', '1');
    const report = JSON.parse(
      (await platform.stack.deps.store.getText(keys.report('maison', runs[0].runId, 'json')))!,
    ) as SyncReport;
    expect(report.counts).toMatchObject({ new: 1, sent: 2 });
  });

  it('calls nothing the operators’ managed policy does not allow', () => {
    const allowed = new Set<string>(Object.values(OPERATOR_ACTIONS).flat());
    expect([...platform.proxy.actions]).toEqual(
      expect.arrayContaining([
        'cloudformation:DescribeStacks',
        's3:ListBucketVersions',
        's3:GetObjectVersion',
        's3:PutObject',
        's3:DeleteObjectVersion',
        'sqs:GetQueueAttributes',
      ]),
    );
    expect([...platform.proxy.actions].filter((action) => !allowed.has(action))).toEqual([]);
    // And each on what the policy grants it on (the prefix, the queue or its dead-letter queue) (#35).
    const granted = operatorPermissions();
    expect([...platform.permissionsUsed()].filter((permission) => !granted.has(permission))).toEqual([]);
  });
});

describe('customer-sync erase --state (a local run’s folder)', { timeout: 180_000 }, () => {
  it('removes the customer from the kept bucket and the emulated JOOR, and keeps the others', async () => {
    const state = mkdtempSync(join(tmpdir(), 'erase-state-'));
    const dir = mkdtempSync(join(tmpdir(), 'erase-files-'));
    const path = join(dir, 'customer_1.psv');
    writeFileSync(path, file([1, 2, 3, 4].map((n) => makeCustomer(n))));
    const started = await runCli(['start', path, '--state', state, '--json']);
    expect(started.code, started.stderr).toBe(0);
    const bucket = join(state, 'bucket');
    const texts = () => walk(bucket).map((p) => ({ key: p, text: readFileSync(p, 'utf8') }));
    // The folder keeps the bucket whole (runs, reports, archived files, state): the customer is in several objects.
    expect(holding(texts(), TRACES).length).toBeGreaterThan(3);
    const erased = await runCli([
      'erase',
      'maison-sample',
      ERASED.customerCode,
      '--state',
      state,
      '--in-joor',
      '--yes',
      '--json',
    ]);
    expect(erased.code, erased.stderr).toBe(0);
    expect(holding(texts(), TRACES)).toEqual([]);
    expect(holding(texts(), [KEPT.customerCode]).length).toBeGreaterThan(0);
    const connections = readFileSync(join(state, 'joor-connections.json'), 'utf8');
    expect(connections).not.toContain(ERASED.customerCode);
    expect(connections).toContain(KEPT.customerCode);
  });
});

const walk = (dir: string): string[] =>
  readdirSync(dir, { withFileTypes: true }).flatMap((e) =>
    e.isDirectory() ? walk(join(dir, e.name)) : [join(dir, e.name)],
  );
