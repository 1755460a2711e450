import { afterEach, describe, expect, it } from 'vitest';
import type { Customer } from '../../lambdas/core/types.js';
import { lockHolderOf, readTenant } from '../../lambdas/pipeline/index.js';
import { keys } from '../../lambdas/pipeline/keys.js';
import { REPLAY_METADATA } from '../../lambdas/pipeline/replay.js';
import { dieBeforeFirstPostIsRecorded, dieBeforeFirstResultIsRecorded } from '../helpers/crashes.js';
import { makeCustomer } from '../helpers/customerFactory.js';
import { expectEverythingAccountedFor } from '../helpers/invariant.js';
import { PipelineHarness } from '../helpers/pipelineHarness.js';
import { holdTenant } from '../helpers/tenantHolder.js';
import { writeCustomerFile } from '../helpers/writeCustomerFile.js';

/** Where the harness tenant's synced state lives (its JOOR environment and account). */
const snapshotKeyOf = (h: PipelineHarness) =>
  keys.snapshot('maison', h.tenant.joor.environment, h.tenant.joor.accountId);

const customers = (from: number, count: number): Customer[] =>
  Array.from({ length: count }, (_, k) => makeCustomer(from + k));
const fileOf = (list: Customer[]) =>
  writeCustomerFile(list, { layout: 'address-rows', delimiter: '|', header: true });

let harness: PipelineHarness | undefined;
afterEach(async () => {
  await harness?.stop();
  harness = undefined;
});

describe('run lifecycle', () => {
  it('syncs a file: one report stored and emailed, state advanced, file archived, tenant released', async () => {
    harness = await PipelineHarness.start({ bulkSize: 4 });
    harness.upload('customer_20261127.psv', fileOf(customers(1, 10)));
    await harness.drain();
    const [report] = await harness.reports();
    expect(report).toMatchObject({
      status: 'success',
      counts: { rows: 15, customers: 10, new: 10, sent: 10, accepted: 10, failed: 0 },
    });
    expectEverythingAccountedFor(report!);
    expect(harness.mailer.sent).toHaveLength(1);
    expect(harness.joor.emulator.stats()).toMatchObject({ creates: 10, jobs: 3 });
    const snapshot = JSON.parse((await harness.store.getText(snapshotKeyOf(harness)))!);
    expect(Object.keys(snapshot.hashes)).toHaveLength(10);
    expect(await harness.store.list('inbox/')).toEqual([]);
    expect(await harness.store.list('processed/maison/')).toHaveLength(1);
    expect(await lockHolderOf(harness.store, 'maison')).toBeUndefined();
    for (const extension of ['html', 'csv', 'txt'])
      expect(await harness.store.list(`reports/maison/${report!.runId}/report.${extension}`)).toHaveLength(1);
  });

  it('sends nothing for an unchanged full list, and only what changed next time', async () => {
    harness = await PipelineHarness.start();
    harness.upload('customer_1.psv', fileOf(customers(1, 6)));
    await harness.drain();
    harness.upload('customer_2.psv', fileOf(customers(1, 6)));
    await harness.drain();
    const changed = customers(1, 6);
    changed[2] = { ...changed[2]!, customerName: 'Renamed boutique' };
    harness.upload('customer_3.psv', fileOf([...changed, makeCustomer(7)]));
    await harness.drain();
    const [, second, third] = await harness.reports();
    expect(second!.counts).toMatchObject({ unchanged: 6, sent: 0, accepted: 0 });
    expect(third!.counts).toMatchObject({ new: 1, changed: 1, unchanged: 5, sent: 2, accepted: 2 });
    expect(harness.mailer.sent).toHaveLength(3);
    expect(harness.joor.emulator.stats()).toMatchObject({ creates: 7, updates: 1 });
  });

  it('replays a file in full when the operator asks: every valid customer sent again, counted as changed', async () => {
    const h = await PipelineHarness.start();
    harness = h;
    h.upload('customer_1.psv', fileOf(customers(1, 6)));
    await h.drain();
    const [first] = await h.reports();
    const replay = (full: boolean) =>
      h.upload('customer_1.psv', fileOf(customers(1, 6)), 1, 'inbox', 'maison', {
        [REPLAY_METADATA.of]: first!.runId,
        ...(full ? { [REPLAY_METADATA.full]: 'true' } : {}),
      });
    replay(false);
    await harness.drain();
    replay(true);
    await harness.drain();
    const [, plain, full] = await harness.reports();
    expect(plain!.counts).toMatchObject({ unchanged: 6, sent: 0 });
    expect(plain!.notes.join(' ')).toContain(`Replayed by an operator from run ${first!.runId}`);
    expect(full!.counts).toMatchObject({ new: 0, changed: 6, unchanged: 0, sent: 6, accepted: 6 });
    expect(full!.notes.join(' ')).toContain('Replayed in full');
    expect(harness.joor.emulator.stats()).toMatchObject({ creates: 6, updates: 6 });
  });

  it('a replay takes its file’s place: the replay of an older file that comes after a newer one took the tenant is not synced (#32)', async () => {
    const h = await PipelineHarness.start();
    harness = h;
    h.upload('customer_1.psv', fileOf(customers(1, 3)));
    await h.drain();
    const [first] = await h.reports();
    // customer_2 holds the tenant; customer_3 waits; then an operator's replay of customer_1 (older) arrives.
    h.upload('customer_2.psv', fileOf(customers(1, 4)));
    h.upload('customer_3.psv', fileOf(customers(1, 5)));
    h.upload('customer_1.psv', fileOf(customers(1, 3)), 1, 'inbox', 'maison', {
      [REPLAY_METADATA.of]: first!.runId,
      [REPLAY_METADATA.receivedAt]: first!.file.receivedAt,
    });
    await h.drain();
    const reports = await h.reports();
    const replay = reports.find((r) => r.runId !== first!.runId && r.file.name === 'customer_1.psv')!;
    expect(reports.map((r) => r.file.name).sort()).toEqual([
      'customer_1.psv',
      'customer_1.psv',
      'customer_2.psv',
      'customer_3.psv',
    ]);
    // The replay, as old as its file (received when customer_1.psv first arrived), came after a newer file took the
    // tenant: it is closed with its own report, never synced over the newer data.
    expect(replay.file.receivedAt).toBe(first!.file.receivedAt);
    expect(replay.refusal?.code).toBe('not_processed');
    expect(replay.refusal?.message).toContain('a newer file, customer_2.psv, had already been taken up');
    expect(replay.counts).toMatchObject({ sent: 0, accepted: 0 });
    const snapshot = JSON.parse((await h.store.getText(snapshotKeyOf(h)))!);
    expect(Object.keys(snapshot.hashes)).toHaveLength(5);
  });

  it('reports rejected rows with line and reason, and syncs the rest', async () => {
    harness = await PipelineHarness.start();
    const list = customers(1, 4);
    list[1] = { ...list[1]!, billing: { ...list[1]!.billing, city: '' } };
    harness.upload('customer_1.psv', fileOf(list));
    await harness.drain();
    const [report] = await harness.reports();
    expect(report!.status).toBe('error');
    expect(report!.rejected).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ line: 3, customerCode: 'C0000002', field: 'city', code: 'required' }),
      ]),
    );
    expect(report!.counts).toMatchObject({ accepted: 3, rejectedRows: 2 });
    expectEverythingAccountedFor(report!);
    expect(harness.mailer.sent[0]!.raw.toString()).toContain(
      'Subject: [Customer Sync] Error: Maison customer_1.psv',
    );
  });

  it('runs once when S3 delivers the same event three times', async () => {
    harness = await PipelineHarness.start();
    harness.upload('customer_1.psv', fileOf(customers(1, 3)), 3);
    await harness.drain();
    expect(harness.mailer.sent).toHaveLength(1);
    expect(harness.joor.emulator.stats().byRoute['POST /v2/bulk-connection']).toBe(1);
  });

  it('sends the same batch again after a crash between JOOR’s answer and the post record, creating nothing twice', async () => {
    harness = await PipelineHarness.start();
    harness.upload('customer_1.psv', fileOf(customers(1, 3)));
    const crashed = dieBeforeFirstPostIsRecorded(harness.store);
    await harness.drain();
    const [report] = await harness.reports();
    expect(crashed()).toBe(true);
    expect(report!.counts).toMatchObject({ accepted: 3, failed: 0 });
    expect(harness.joor.emulator.stats()).toMatchObject({ creates: 3, updates: 3 });
    expect(harness.mailer.sent).toHaveLength(1);
  });

  it('never posts a batch again once its job is recorded: a crash before its result only repeats the check', async () => {
    harness = await PipelineHarness.start();
    harness.upload('customer_1.psv', fileOf(customers(1, 3)));
    const crashed = dieBeforeFirstResultIsRecorded(harness.store);
    await harness.drain();
    const [report] = await harness.reports();
    expect(crashed()).toBe(true);
    expect(report!.counts).toMatchObject({ accepted: 3, failed: 0 });
    expect(harness.joor.emulator.stats()).toMatchObject({ creates: 3, updates: 0 });
    expect(harness.joor.emulator.stats().byRoute['POST /v2/bulk-connection']).toBe(1);
    expect(harness.mailer.sent).toHaveLength(1);
  });

  it('finishes a run whose splitter died after taking the tenant, when SQS delivers the event again', async () => {
    harness = await PipelineHarness.start();
    harness.upload('customer_1.psv', fileOf(customers(1, 3)));
    const putText = harness.store.putText.bind(harness.store);
    let died = false;
    harness.store.putText = async (key, body, options) => {
      if (!died && key.endsWith('/manifest.json')) {
        died = true;
        throw new Error('the splitter ran out of time after taking the lock');
      }
      return putText(key, body, options);
    };
    await harness.drain();
    const [report] = await harness.reports();
    expect(died).toBe(true);
    expect(report!.counts).toMatchObject({ new: 3, accepted: 3 });
    expect(harness.mailer.sent).toHaveLength(1);
    expect(await lockHolderOf(harness.store, 'maison')).toBeUndefined();
  });

  it('reports the customers of a batch that exhausted its receives as failed, and keeps them for the next file', async () => {
    harness = await PipelineHarness.start({ bulkSize: 2 });
    harness.upload('customer_1.psv', fileOf(customers(1, 4)));
    await harness.drain({ beforeBatch: (message) => message.batch !== 1, maxReceives: 3 });
    const [report] = await harness.reports();
    expect(report!.counts).toMatchObject({ sent: 4, accepted: 2, failed: 2 });
    expect(report!.failures.map((f) => [f.customerCode, f.code])).toEqual([
      ['C0000003', 'delivery_exhausted'],
      ['C0000004', 'delivery_exhausted'],
    ]);
    expectEverythingAccountedFor(report!);
    const snapshot = JSON.parse((await harness.store.getText(snapshotKeyOf(harness)))!);
    expect(Object.keys(snapshot.hashes).sort()).toEqual(['C0000001', 'C0000002']);
    harness.upload('customer_2.psv', fileOf(customers(1, 4)));
    await harness.drain();
    expect((await harness.reports())[1]!.counts).toMatchObject({ new: 2, unchanged: 2, accepted: 2 });
  });

  it('gets every customer through JOOR at 30% 429 and 20% 500', async () => {
    harness = await PipelineHarness.start({ bulkSize: 5 }, { faults: { 429: 0.3, 500: 0.2 } });
    harness.upload('customer_1.psv', fileOf(customers(1, 20)));
    await harness.drain({ maxReceives: 10 });
    const [report] = await harness.reports();
    expectEverythingAccountedFor(report!);
    expect(report!.counts.accepted + report!.counts.failed).toBe(20);
    expect(harness.mailer.sent).toHaveLength(1);
  });

  it('runs a second file of the tenant after the first, not beside it', async () => {
    harness = await PipelineHarness.start();
    harness.upload('customer_1.psv', fileOf(customers(1, 3)));
    harness.upload('customer_2.psv', fileOf(customers(1, 4)));
    await harness.drain();
    const reports = await harness.reports();
    expect(reports.map((r) => [r.file.name, r.counts.new, r.counts.unchanged])).toEqual([
      ['customer_1.psv', 3, 0],
      ['customer_2.psv', 1, 3],
    ]);
    expect(harness.mailer.sent).toHaveLength(2);
  });

  it('processes only the newest of several waiting files, reporting the others as superseded', async () => {
    harness = await PipelineHarness.start();
    harness.upload('customer_1.psv', fileOf(customers(1, 3)));
    harness.upload('customer_2.psv', fileOf(customers(1, 4)));
    harness.upload('customer_3.psv', fileOf(customers(1, 5)));
    await harness.drain();
    const reports = await harness.reports();
    expect(reports.map((r) => r.file.name)).toEqual(['customer_1.psv', 'customer_3.psv']);
    expect(reports[1]!.counts).toMatchObject({ new: 2, unchanged: 3, superseded: 1 });
    expect(reports[1]!.superseded).toEqual([{ file: 'customer_2.psv', receivedAt: expect.any(String) }]);
    expect(harness.mailer.sent).toHaveLength(2);
    expect(await harness.store.list('inbox/')).toEqual([]);
  });

  it('quarantines a file that would drop half the known customers: nothing is sent', async () => {
    harness = await PipelineHarness.start();
    harness.upload('customer_1.psv', fileOf(customers(1, 10)));
    await harness.drain();
    const posts = harness.joor.emulator.stats().byRoute['POST /v2/bulk-connection'];
    harness.upload('customer_2.psv', fileOf(customers(1, 5)));
    await harness.drain();
    const [, report] = await harness.reports();
    expect(report!.refusal).toMatchObject({ code: 'mass_drop' });
    expect(report!.counts).toMatchObject({ rows: 7, missing: 5, sent: 0, quarantinedRows: 7 });
    expectEverythingAccountedFor(report!);
    expect(harness.joor.emulator.stats().byRoute['POST /v2/bulk-connection']).toBe(posts);
    expect(await harness.store.list('rejected/maison/')).toHaveLength(1);
  });

  it('reports each changed field before → after, and says when one field changed for most customers', async () => {
    const h = await PipelineHarness.start();
    harness = h;
    h.upload('customer_1.psv', fileOf(customers(1, 10)));
    await h.drain();
    const repriced = customers(1, 10).map((c, k) => (k < 9 ? { ...c, priceLabel: 'Retail USD' } : c));
    repriced[0] = { ...repriced[0]!, billing: { ...repriced[0]!.billing, city: 'Brooklyn' } };
    h.upload('customer_2.psv', fileOf(repriced));
    await h.drain();
    h.upload('customer_3.psv', fileOf(repriced));
    await h.drain();
    const [, second, third] = await h.reports();
    expect(second!.counts).toMatchObject({ changed: 9, unchanged: 1, accepted: 9 });
    expect(second!.changed).toHaveLength(9);
    expect(second!.changed![0]).toEqual({
      customerCode: 'C0000001',
      customerName: 'Boutique 1',
      changes: [
        { field: 'price_label', before: 'Wholesale USD', after: 'Retail USD' },
        { field: 'billing.city', before: 'Paris', after: 'Brooklyn' },
      ],
    });
    expect(second!.massChange).toEqual({
      field: 'price_label',
      label: 'price type',
      customers: 9,
      known: 10,
    });
    const { headlineOf, renderReportCsv } = await import('../../lambdas/core/reporting/index.js');
    expect(headlineOf(second!).text).toContain('price type changed for 9 of 10 customers');
    expect(renderReportCsv(second!)).toContain(
      '"changed","","C0000001","Boutique 1","billing.city","Brooklyn","changed","Before: Paris; after: Brooklyn",""',
    );
    // The accepted values are kept beside the snapshot: the same file again changes nothing.
    expect(third!.counts).toMatchObject({ changed: 0, unchanged: 10, sent: 0 });
    expect(third!.changed).toBeUndefined();
    const chunks = await h.store.list(snapshotKeyOf(h).replace('snapshot.json', 'fields/'));
    const kept = (await Promise.all(chunks.map((k) => h.store.getText(k)))).join('');
    expect(kept.trim().split('\n')).toHaveLength(10);
    expect(kept).toContain('"billing.city":"Brooklyn"');
  });

  it('quarantines a file changing one field for more known customers than massChangeThreshold allows', async () => {
    const h = await PipelineHarness.start({ massChangeThreshold: 0.5 });
    harness = h;
    h.upload('customer_1.psv', fileOf(customers(1, 10)));
    await h.drain();
    const posts = h.joor.emulator.stats().byRoute['POST /v2/bulk-connection'];
    h.upload(
      'customer_2.psv',
      fileOf(customers(1, 10).map((c, k) => (k < 6 ? { ...c, priceLabel: 'Retail USD' } : c))),
    );
    await h.drain();
    const [, report] = await h.reports();
    expect(report!.refusal).toMatchObject({ code: 'mass_change' });
    expect(report!.refusal!.message).toMatch(/changes the price type of 6 of 10 known customers \(60%\)/);
    expect(report!.counts).toMatchObject({ sent: 0, quarantinedRows: 15 });
    expect(report!.changed).toHaveLength(6);
    expectEverythingAccountedFor(report!);
    expect(h.joor.emulator.stats().byRoute['POST /v2/bulk-connection']).toBe(posts);
    const chunks = await h.store.list(snapshotKeyOf(h).replace('snapshot.json', 'fields/'));
    expect((await Promise.all(chunks.map((k) => h.store.getText(k)))).join('')).not.toContain('Retail USD');
  });

  it('refuses a file whose name does not match the pattern, and an empty file, with a report each', async () => {
    harness = await PipelineHarness.start();
    harness.upload('orders.psv', fileOf(customers(1, 2)));
    harness.upload('customer_empty.psv', '');
    await harness.drain();
    const reports = await harness.reports();
    expect(reports.map((r) => r.refusal?.code).sort()).toEqual(['empty', 'file_name']);
    expect(harness.mailer.sent).toHaveLength(2);
    expect(await harness.store.list('rejected/maison/')).toHaveLength(2);
  });

  it('reports an upload cut short (moved to partial/ by Transfer Family) and syncs nothing of it', async () => {
    harness = await PipelineHarness.start();
    harness.upload('customer_1.psv', fileOf(customers(1, 3)).slice(0, 200), 1, 'partial');
    await harness.drain();
    const [report] = await harness.reports();
    expect(report!.refusal).toMatchObject({
      code: 'partial_upload',
      message: expect.stringContaining('cut off'),
    });
    expect(harness.joor.emulator.stats().requests).toBe(0);
    expect(harness.mailer.sent).toHaveLength(1);
    expect(await harness.store.list('rejected/maison/')).toHaveLength(1);
    expect(await harness.store.list('partial/')).toEqual([]);
  });
});

describe('a dry run (a file under dry-run/)', () => {
  it('is planned against the synced state and reported, sends nothing, takes no lock and moves no state', async () => {
    const h = await PipelineHarness.start();
    harness = h;
    h.upload('customer_1.psv', fileOf(customers(1, 6)));
    await h.drain();
    const snapshot = await h.store.getText(snapshotKeyOf(h));
    const fieldKeys = await h.store.list(snapshotKeyOf(h).replace('snapshot.json', 'fields/'));
    const fields = await Promise.all(fieldKeys.map((k) => h.store.getText(k)));
    const posts = h.joor.emulator.stats().byRoute['POST /v2/bulk-connection'];
    // Another run holds the tenant: a dry run does not wait for it.
    await holdTenant(h.store, 'maison', 'someone-else');
    const next = customers(1, 5);
    next[0] = { ...next[0]!, email: 'orders@boutique1.example' };
    h.upload('dry-run/customer_2.psv', fileOf([...next, makeCustomer(7)]));
    await h.drain();
    const [, report] = await h.reports();
    expect(report!.dryRun).toEqual({ new: ['C0000007'] });
    expect(report!.counts).toMatchObject({
      new: 1,
      changed: 1,
      unchanged: 4,
      missing: 1,
      sent: 0,
      accepted: 0,
    });
    expect(report!.changed).toEqual([
      {
        customerCode: 'C0000001',
        customerName: 'Boutique 1',
        changes: [{ field: 'email', before: 'buyer1@shop.example', after: 'orders@boutique1.example' }],
      },
    ]);
    const { headlineOf, renderReportHtml } = await import('../../lambdas/core/reporting/index.js');
    expect(headlineOf(report!).text).toBe(
      'Dry run: nothing was sent to JOOR. 2 customers would be sent to JOOR Sandbox (1 new, 1 changed), 4 unchanged.',
    );
    const html = renderReportHtml(report!, 50);
    expect(html).toContain('New customers (1): would be created in JOOR');
    expect(html).toContain('Changed customers (1): what would change in JOOR');
    expectEverythingAccountedFor(report!);
    expect(h.mailer.sent).toHaveLength(2);
    expect(h.joor.emulator.stats().byRoute['POST /v2/bulk-connection']).toBe(posts);
    expect(await h.store.getText(snapshotKeyOf(h))).toBe(snapshot);
    expect(await Promise.all(fieldKeys.map((k) => h.store.getText(k)))).toEqual(fields);
    expect(await lockHolderOf(h.store, 'maison')).toBe('someone-else');
    expect(await h.store.list(keys.sentFieldsPrefix('maison', report!.runId))).toEqual([]);
    expect(await h.store.list('inbox/')).toEqual([]);
  });

  it('gives the guards’ verdict without sending: a mass drop would be held back', async () => {
    const h = await PipelineHarness.start();
    harness = h;
    h.upload('customer_1.psv', fileOf(customers(1, 10)));
    await h.drain();
    h.upload('dry-run/customer_2.psv', fileOf(customers(1, 5)));
    await h.drain();
    const [, report] = await h.reports();
    expect(report!.refusal).toMatchObject({ code: 'mass_drop' });
    const { headlineOf } = await import('../../lambdas/core/reporting/index.js');
    expect(headlineOf(report!).text).toMatch(
      /^Dry run: nothing was sent to JOOR\. The file would be held back: the file leaves out 5 of 10 known customers/,
    );
    expectEverythingAccountedFor(report!);
  });
  it('refuses a file under dry-run/ whose name the tenant does not take, as any such file, taking no lock', async () => {
    const h = await PipelineHarness.start();
    harness = h;
    await holdTenant(h.store, 'maison', 'someone-else');
    h.upload('dry-run/orders.psv', fileOf(customers(1, 2)));
    await h.drain();
    const [report] = await h.reports();
    expect(report!.refusal?.code).toBe('file_name');
    expect(report!.file.name).toBe('orders.psv');
    expect(h.joor.emulator.stats().requests).toBe(0);
    expect(h.mailer.sent).toHaveLength(1);
    expect(await lockHolderOf(h.store, 'maison')).toBe('someone-else');
    expect(await h.store.list('inbox/')).toEqual([]);
  });

  it('refuses a file put in a folder the platform does not read (a mistyped dry-run/ included), syncing nothing', async () => {
    const h = await PipelineHarness.start();
    harness = h;
    h.upload('dryrun/customer_2.psv', fileOf(customers(1, 3)));
    await h.drain();
    const [report] = await h.reports();
    expect(report!.refusal).toEqual({
      code: 'unread_folder',
      message:
        'The file "customer_2.psv" was put in the folder "dryrun/", which this integration does not read: it was not processed. Put it in the SFTP home itself to sync it, or in dry-run/ for a dry run.',
    });
    expect(report!.dryRun).toBeUndefined();
    expect(h.joor.emulator.stats().requests).toBe(0);
    expect(await lockHolderOf(h.store, 'maison')).toBeUndefined();
    expect(await h.store.getText(snapshotKeyOf(h))).toBeUndefined();
    expect(await h.store.list('rejected/maison/')).toHaveLength(1);
    expect(await h.store.list('inbox/')).toEqual([]);
  });
});

describe('a finalizer that fails part-way', () => {
  it('finishes the run on the next delivery when it failed after archiving the file (releasing the lock)', async () => {
    harness = await PipelineHarness.start();
    harness.upload('customer_1.psv', fileOf(customers(1, 3)));
    // The third write of the tenant's record is the finalizer's release (after the splitter's arrive and hand-on).
    harness.store.failOnce(keys.tenant('maison'), 'put', 2);
    await harness.drain();
    expect(harness.finalizeErrors.map((e) => e.message)).toEqual([
      expect.stringContaining('injected failure (put) of state/maison/tenant.json'),
    ]);
    const [report] = await harness.reports();
    expect(report!.counts).toMatchObject({ sent: 3, accepted: 3 });
    expect(await lockHolderOf(harness.store, 'maison')).toBeUndefined();
    expect(await harness.store.list('processed/maison/')).toHaveLength(1);
    expect(await harness.store.list('inbox/')).toEqual([]);
    expect(harness.mailer.sent).toHaveLength(1);
  });

  it('never holds the tenant when the report email cannot be sent, and records why', async () => {
    harness = await PipelineHarness.start();
    harness.mailer.failWith(new Error('MessageRejected: Email address is not verified'));
    harness.upload('customer_1.psv', fileOf(customers(1, 3)));
    await harness.drain();
    harness.upload('customer_2.psv', fileOf(customers(1, 4)));
    await harness.drain();
    const reports = await harness.reports();
    expect(reports.map((r) => r.file.name)).toEqual(['customer_1.psv', 'customer_2.psv']);
    expect(await lockHolderOf(harness.store, 'maison')).toBeUndefined();
    const claim = JSON.parse((await harness.store.getText(keys.finalizeClaim('maison', reports[0]!.runId)))!);
    expect(claim).toMatchObject({ done: true, email: { status: 'failed' } });
    expect(claim.email.reason).toContain('not verified');
    expect(claim).not.toHaveProperty('emailed');
  });

  it('records no email for a tenant without recipients', async () => {
    harness = await PipelineHarness.start({
      report: { recipients: [], sender: 'sync@maison.example', bodyRowLimit: 50, timeZone: 'UTC' },
    });
    harness.upload('customer_1.psv', fileOf(customers(1, 2)));
    await harness.drain();
    const [report] = await harness.reports();
    const claim = JSON.parse((await harness.store.getText(keys.finalizeClaim('maison', report!.runId)))!);
    expect(claim).toMatchObject({ done: true, email: { status: 'not_configured' } });
    expect(claim).not.toHaveProperty('emailed');
    expect(harness.mailer.sent).toEqual([]);
  });
});

describe('synced state per JOOR environment and account', () => {
  it('sends every customer on the first file to Production after Sandbox, and says so', async () => {
    harness = await PipelineHarness.start();
    harness.upload('customer_1.psv', fileOf(customers(1, 4)));
    await harness.drain();
    harness.upload('customer_2.psv', fileOf(customers(1, 4)));
    await harness.drain();
    // The brand goes live: same file, the Production environment of another JOOR account.
    const live = {
      ...harness.tenant,
      joor: { ...harness.tenant.joor, environment: 'production' as const, accountId: '2002' },
    };
    harness.store.put(keys.tenantConfig('maison'), JSON.stringify(live));
    harness.upload('customer_3.psv', fileOf(customers(1, 4)));
    await harness.drain();
    const [sandboxFirst, sandboxAgain, production] = await harness.reports();
    expect(sandboxFirst!.counts).toMatchObject({ new: 4, sent: 4 });
    expect(sandboxFirst!.notes).toContain(
      `First sync to this JOOR account (sandbox, account ${harness.tenant.joor.accountId}): all 4 valid customers sent.`,
    );
    expect(sandboxAgain!.counts).toMatchObject({ unchanged: 4, sent: 0 });
    expect(production!.counts).toMatchObject({ new: 4, unchanged: 0, sent: 4, missing: 0 });
    expect(production!.notes).toContain(
      'First sync to this JOOR account (production, account 2002): all 4 valid customers sent.',
    );
  });
});

describe('a run that fails on every delivery', () => {
  it('a poison file ends with a "could not be processed" report, and the tenant goes on with its next file', async () => {
    harness = await PipelineHarness.start();
    const open = harness.store.open.bind(harness.store);
    // The splitter dies on this file every time (a bug, or out of memory on a file like no other).
    harness.store.open = (key, versionId) =>
      key.endsWith('customer_poison.psv')
        ? () => {
            throw new Error('JavaScript heap out of memory');
          }
        : open(key, versionId);
    harness.upload('customer_poison.psv', fileOf(customers(1, 3)));
    await harness.drain();
    harness.upload('customer_2.psv', fileOf(customers(1, 3)));
    await harness.drain();
    const [poison, next] = await harness.reports();
    expect(poison!.refusal).toMatchObject({ code: 'not_processed' });
    expect(poison!.refusal!.message).toContain(poison!.runId);
    expect(poison!.counts).toMatchObject({ sent: 0, accepted: 0 });
    expect(next!.counts).toMatchObject({ new: 3, sent: 3, accepted: 3 });
    expect(await harness.store.list('rejected/maison/')).toHaveLength(1);
    expect(await lockHolderOf(harness.store, 'maison')).toBeUndefined();
    expect(harness.mailer.sent).toHaveLength(2);
  });

  it('a finalizer that fails on every delivery is closed by its dead-letter handler: tenant released, report says so', async () => {
    harness = await PipelineHarness.start();
    const putText = harness.store.putText.bind(harness.store);
    harness.store.putText = async (key, body, options) => {
      if (key.endsWith('report.html')) throw new Error('renderer crashed');
      return putText(key, body, options);
    };
    harness.upload('customer_1.psv', fileOf(customers(1, 3)));
    harness.upload('customer_2.psv', fileOf(customers(1, 4)));
    await harness.drain();
    expect(harness.abandoned).toHaveLength(2);
    const reports = await harness.reports();
    expect(reports.map((r) => [r.file.name, r.refusal?.code])).toEqual([
      ['customer_1.psv', 'not_processed'],
      ['customer_2.psv', 'not_processed'],
    ]);
    expect(reports[0]!.refusal!.message).toContain('sent again with the next file');
    expect(await lockHolderOf(harness.store, 'maison')).toBeUndefined();
    expect((await readTenant(harness.store, 'maison')).next).toBeUndefined();
    expect(await harness.store.list('inbox/')).toEqual([]);
  });
});

describe('the mass-drop guard', () => {
  it('counts only customers absent from the file: rejected ones are rejected, not missing', async () => {
    harness = await PipelineHarness.start();
    harness.upload('customer_1.psv', fileOf(customers(1, 5)));
    await harness.drain();
    // The next full list holds all five, but two have no city: 40% would trip the 20% guard if counted missing.
    const next = customers(1, 5).map((c, k) => (k < 2 ? { ...c, billing: { ...c.billing, city: '' } } : c));
    harness.upload('customer_2.psv', fileOf(next));
    await harness.drain();
    const [, second] = await harness.reports();
    expect(second!.refusal).toBeUndefined();
    expect(second!.counts).toMatchObject({ missing: 0, unchanged: 3 });
    expect(new Set(second!.rejected.map((r) => r.customerCode)).size).toBe(2);
  });
});

// Issue #10: a lock no handler released (the run's splitter and its dead-letter handler both failed) must not hold
// the tenant for ever: it is a lease, and a file that finds it expired takes over.
describe('the tenant lock as a lease', () => {
  const deadRun = (expiresAt: string) => {
    const file = {
      key: 'inbox/maison/customer_dead.psv',
      name: 'customer_dead.psv',
      receivedAt: '2026-11-27T00:00:00Z',
    };
    harness!.store.put(file.key, fileOf(customers(1, 2)));
    harness!.store.put(
      // A lock of the platform before the coordination record: read and folded into it (runs in flight finish).
      keys.legacyLock('maison'),
      JSON.stringify({ runId: 'dead-run', since: '2026-11-27T00:00:00Z', expiresAt, file, supersedes: [] }),
    );
  };

  it('is taken over once expired: the file is synced, the run that held it ends with a "could not be processed" report', async () => {
    harness = await PipelineHarness.start();
    deadRun('2026-11-27T07:00:00Z');
    harness.upload('customer_1.psv', fileOf(customers(1, 3)), 2);
    await harness.drain();
    const reports = await harness.reports();
    expect(reports.map((r) => [r.file.name, r.refusal?.code])).toEqual(
      expect.arrayContaining([
        ['customer_dead.psv', 'not_processed'],
        ['customer_1.psv', undefined],
      ]),
    );
    expect(reports).toHaveLength(2);
    const dead = reports.find((r) => r.runId === 'dead-run')!;
    expect(dead.refusal!.message).toContain('held the tenant past its lease');
    expect(reports.find((r) => r.runId !== 'dead-run')!.counts).toMatchObject({ new: 3, accepted: 3 });
    expect(await lockHolderOf(harness.store, 'maison')).toBeUndefined();
    expect(await harness.store.list('inbox/')).toEqual([]);
    expect(await harness.store.list('rejected/maison/')).toHaveLength(1);
  });

  it('is waited for while it runs, and after expiry when its run already handed its file on', async () => {
    harness = await PipelineHarness.start();
    deadRun('2026-11-27T09:00:00Z');
    harness.upload('customer_1.psv', fileOf(customers(1, 3)));
    await harness.drain();
    expect(await harness.reports()).toEqual([]);
    expect((await readTenant(harness.store, 'maison')).next).toBeDefined();

    harness = await PipelineHarness.start();
    deadRun('2026-11-27T07:00:00Z');
    harness.store.put(keys.dispatched('maison', 'dead-run'), JSON.stringify({ runId: 'dead-run' }));
    harness.upload('customer_1.psv', fileOf(customers(1, 3)));
    await harness.drain();
    expect(await harness.reports()).toEqual([]);
    expect(await lockHolderOf(harness.store, 'maison')).toBe('dead-run');
  });

  it('of two files that find it expired, one takes it: each step must find the record unchanged', async () => {
    harness = await PipelineHarness.start();
    deadRun('2026-11-27T07:00:00Z');
    const { takeTenant } = await import('../../lambdas/pipeline/tenantCoordination.js');
    const closed: string[] = [];
    const deps = {
      store: harness.store,
      resume: async () => undefined,
      close: async (run: { runId: string }) => closed.push(run.runId),
    };
    const file = { key: 'inbox/maison/a.psv', name: 'a.psv', receivedAt: '2026-11-27T08:00:00Z' };
    const now = () => new Date('2026-11-27T08:00:00Z');
    const first = await takeTenant(deps, { tenantId: 'maison', runId: 'a', file, supersedes: [] }, now);
    const second = await takeTenant(deps, { tenantId: 'maison', runId: 'b', file, supersedes: [] }, now);
    expect(first).toMatchObject({ held: true, fresh: true });
    expect(second).toEqual({ held: false, outcome: 'waiting' });
    expect(closed).toEqual(['dead-run']);
    const record = await readTenant(harness.store, 'maison');
    expect(record.holder).toMatchObject({ runId: 'a', previous: { runId: 'dead-run' } });
    expect(record.next?.runId).toBe('b');
    // The lock of the platform before is gone once folded into the record.
    expect(await harness.store.getText(keys.legacyLock('maison'))).toBeUndefined();
  });
});
