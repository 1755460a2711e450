import { mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { GetObjectCommand, ListObjectVersionsCommand, PutObjectCommand } from '@aws-sdk/client-s3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { SyncReport } from '../../lambdas/core/reporting/SyncReport.js';
import { keys } from '../../lambdas/pipeline/keys.js';
import { OPERATOR_ACTIONS, operatorPermissions } from '../../lib/platform/operatorActions.js';
import { codeDigest } from '../../tools/operator/erasure/erasureKey.js';
import { makeCustomer } from '../helpers/customerFactory.js';
import { V2_CREDENTIALS } from '../helpers/joor.js';
import { type OperatorPlatform, settle, startOperatorPlatform } from '../helpers/operatorPlatform.js';
import { runCli } from '../helpers/runCli.js';
import { writeCustomerFile } from '../helpers/writeCustomerFile.js';

let platform: OperatorPlatform;

/** Where `customer-sync start` (run from the project's root) writes its copies of the reports: `out/`. */
const ROOT = fileURLToPath(new URL('../../', import.meta.url));

/** The customer erased, and what identifies them in every object. */
const ERASED = makeCustomer(3);
const TRACES = [ERASED.email!, ERASED.customerName, ERASED.customerCode];
const KEPT = makeCustomer(1);
/** A file refused and kept in UTF-16, as Excel's "Unicode text" saves it. */
const UTF16_KEY = 'rejected/maison/utf16_customer_9.psv';

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
const everyVersion = async (): Promise<{ key: string; versionId: string; text: string; utf8: string }[]> => {
  const all: { key: string; versionId: string; text: string; utf8: string }[] = [];
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
      const bytes = Buffer.from(await body.Body!.transformToByteArray());
      // Searched as UTF-8 and as UTF-16: a trace in a UTF-16 file is not found in its bytes read as UTF-8.
      const text = `${bytes.toString('utf8')}\n${new TextDecoder('utf-16le').decode(bytes)}`;
      all.push({ key: v.Key!, versionId: v.VersionId!, text, utf8: bytes.toString('utf8') });
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
  // A file kept as sent in UTF-16 (with its byte-order mark), in two versions: both hold the customer (#35).
  for (const customers of [four, [four[2]!, four[0]!]])
    await platform.stack.s3.send(
      new PutObjectCommand({
        Bucket: platform.stack.bucket,
        Key: UTF16_KEY,
        Body: Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(file(customers), 'utf16le')]),
      }),
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
    // The UTF-16 file: one version left, still UTF-16, with the other customers' rows.
    const utf16 = versions.filter((v) => v.key === UTF16_KEY);
    expect(utf16).toHaveLength(1);
    expect(utf16[0]!.text).toContain(KEPT.email!);
    const snapshots = versions.filter((v) => v.key.endsWith('snapshot.json'));
    expect(snapshots).toHaveLength(1);
    expect(Object.keys(JSON.parse(snapshots[0]!.utf8).hashes).sort()).toEqual([
      'C0000001',
      'C0000002',
      'C0000004',
    ]);
    const reports = versions.filter((v) => v.key.endsWith('report.html'));
    expect(reports).toHaveLength(2);
    for (const r of reports) expect(r.text).toContain('<html');
    // The record of the erasure holds counts and a code keyed with the platform's secret, nothing personal.
    const record = JSON.parse(await latest(erased.record));
    expect(record).toMatchObject({
      tenantId: 'maison',
      digest: 'hmac-sha256',
      customers: [codeDigest(platform.erasureSecret, 'maison', ERASED.customerCode)],
      remaining: [],
    });
    expect(erased.remaining).toEqual([]);
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
        'secretsmanager:GetSecretValue',
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
    // A second file rejects the customer's row: its report, and npm start's copies of it under out/, name them.
    const second = join(dir, 'customer_2.psv');
    writeFileSync(
      second,
      file([1, 2, 3, 4].map((n) => (n === 3 ? { ...ERASED, email: 'not-an-email' } : makeCustomer(n)))),
    );
    const started = await runCli(['start', path, second, '--state', state, '--json']);
    expect(started.code, started.stderr).toBe(0);
    const bucket = join(state, 'bucket');
    const copies = join(ROOT, 'out', 'maison-sample');
    const texts = () =>
      [...walk(bucket), ...walk(copies)].map((p) => ({ key: p, text: readFileSync(p, 'utf8') }));
    expect(
      holding(
        walk(copies).map((p) => ({ key: p, text: readFileSync(p, 'utf8') })),
        TRACES,
      ).length,
    ).toBeGreaterThan(0);
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
    expect(JSON.parse(erased.stdout)).toMatchObject({ remaining: [] });
    expect(holding(texts(), TRACES)).toEqual([]);
    // The copies of the report are rendered again, without the customer.
    const html = walk(copies).filter((p) => p.endsWith('report.html'));
    expect(html.length).toBeGreaterThan(0);
    for (const p of html) expect(readFileSync(p, 'utf8')).toContain('<html');
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
