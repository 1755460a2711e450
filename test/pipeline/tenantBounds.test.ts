import { afterEach, describe, expect, it } from 'vitest';
import type { Customer } from '../../lambdas/core/types.js';
import { objectCreatedEvent } from '../../lambdas/pipeline/inboxMessages.js';
import { lockHolderOf, readTenant } from '../../lambdas/pipeline/index.js';
import { keys } from '../../lambdas/pipeline/keys.js';
import { makeCustomer } from '../helpers/customerFactory.js';
import { BUCKET, PipelineHarness } from '../helpers/pipelineHarness.js';
import { writeCustomerFile } from '../helpers/writeCustomerFile.js';

// Issue #20, item 5: what one tenant's uploads may cost the platform, bounded per tenant (platform.json).
const customers = (from: number, count: number): Customer[] =>
  Array.from({ length: count }, (_, k) => makeCustomer(from + k));
const fileOf = (list: Customer[]) =>
  writeCustomerFile(list, { layout: 'address-rows', delimiter: '|', header: true });

let harness: PipelineHarness | undefined;
afterEach(async () => {
  await harness?.stop();
  harness = undefined;
});

describe('the waiting list', () => {
  it('resumes a tenant with 5,000 waiting files: one small message for the newest, the others recorded in S3 and reported once', {
    timeout: 300_000,
  }, async () => {
    const h = await PipelineHarness.start();
    harness = h;
    const resumes: string[] = [];
    const send = h.inbox.send.bind(h.inbox);
    h.inbox.send = async (messages) => {
      resumes.push(...messages.map((m) => m.body));
      return send(messages);
    };
    const waiting = 5_000;
    // Names an ERP might give (about 170 bytes, under the bound): the old resume message named every one of them.
    const nameOf = (k: number) =>
      `customer_${'export_maison_full_list_'.repeat(6)}${String(k).padStart(5, '0')}.psv`;
    h.upload(nameOf(0), fileOf(customers(1, 3)));
    const small = fileOf(customers(1, 4));
    for (let k = 1; k <= waiting; k += 1) h.upload(nameOf(k), small);
    await h.drain();
    const reports = await h.reports();
    expect(reports.map((r) => r.file.name)).toEqual([nameOf(0), nameOf(waiting)]);
    const newest = reports[1]!;
    expect(newest.counts).toMatchObject({ new: 1, unchanged: 3, superseded: waiting - 1 });
    expect(newest.superseded).toHaveLength(waiting - 1);
    expect(newest.superseded[0]!.file).toBe(nameOf(1));
    expect(h.mailer.sent).toHaveLength(2);
    expect(h.finalizeErrors).toEqual([]);
    expect(resumes).toHaveLength(1);
    expect(Buffer.byteLength(resumes[0]!)).toBeLessThan(1_024);
    // Recorded with the newest run, not in the message; every superseded file archived once, the list emptied.
    const recorded = JSON.parse((await h.store.getText(keys.supersedes('maison', newest.runId)))!);
    expect(recorded).toHaveLength(waiting - 1);
    expect(await h.store.list('inbox/')).toEqual([]);
    expect(await h.store.list('processed/maison/')).toHaveLength(waiting + 1);
    expect((await readTenant(h.store, 'maison')).next).toBeUndefined();
    expect(await lockHolderOf(h.store, 'maison')).toBeUndefined();
    // The email lists the first of them and says how many more.
    const text = h.mailer.sent[1]!.raw.toString();
    expect(text).toContain(`and ${waiting - 1 - h.tenant.report.bodyRowLimit} more`);
  });
});

describe('a file name longer than the bound', () => {
  it('is refused with a report, and archived under a key S3 takes (its processed/ key would pass 1,024 bytes)', async () => {
    harness = await PipelineHarness.start();
    // Fits inbox/ (1,016 bytes of key) and matches the tenant's pattern; processed/<tenant>/<run>_<name> would not.
    const name = `customer_${'x'.repeat(990)}.psv`;
    harness.upload(name, fileOf(customers(1, 3)));
    await harness.drain();
    const [report] = await harness.reports();
    expect(report!.refusal).toMatchObject({ code: 'file_name_too_long' });
    expect(report!.refusal!.message).toContain('1,003 bytes long, more than the 200');
    expect(harness.joor.emulator.stats().requests).toBe(0);
    expect(harness.mailer.sent).toHaveLength(1);
    expect(harness.finalizeErrors).toEqual([]);
    const [archived] = await harness.store.list('rejected/maison/');
    expect(Buffer.byteLength(archived!)).toBeLessThanOrEqual(1024);
    expect(await harness.store.list('inbox/')).toEqual([]);
  });

  it('counts bytes, not characters, and takes a name at the bound', async () => {
    harness = await PipelineHarness.start();
    harness.bounds = { ...harness.bounds, maxFileNameBytes: 30 };
    harness.upload('customer_ééééééééé.psv', fileOf(customers(1, 2)));
    await harness.drain();
    harness.upload('customer_eeeeeeeeeeeeeeeee.psv', fileOf(customers(1, 2)));
    await harness.drain();
    const [accented, plain] = await harness.reports();
    // 22 characters, 31 bytes of UTF-8.
    expect(accented!.refusal).toMatchObject({ code: 'file_name_too_long' });
    expect(plain!.refusal).toBeUndefined();
    expect(plain!.counts).toMatchObject({ new: 2, accepted: 2 });
  });
});

describe('a file larger than the bound', () => {
  it('is refused with a report before it is read, its size from the S3 event or, without one, a head', async () => {
    harness = await PipelineHarness.start();
    harness.bounds = { ...harness.bounds, maxFileBytes: 2_000 };
    const opened: string[] = [];
    const open = harness.store.open.bind(harness.store);
    harness.store.open = (key, versionId) => {
      opened.push(key);
      return open(key, versionId);
    };
    const large = fileOf(customers(1, 20));
    expect(Buffer.byteLength(large)).toBeGreaterThan(2_000);
    harness.upload('customer_1.psv', large);
    await harness.drain();
    // An event without the size (as a hand-made test event may be): the splitter asks S3 for it.
    const key = 'inbox/maison/customer_2.psv';
    const versionId = harness.store.put(key, large);
    harness.inbox.messages.push({ body: objectCreatedEvent(BUCKET, key, versionId, '2026-11-27T09:00:00Z') });
    await harness.drain();
    const reports = await harness.reports();
    expect(reports.map((r) => [r.file.name, r.refusal?.code, r.file.bytes])).toEqual([
      ['customer_1.psv', 'file_too_large', Buffer.byteLength(large)],
      ['customer_2.psv', 'file_too_large', Buffer.byteLength(large)],
    ]);
    expect(reports[0]!.refusal!.message).toContain('more than the 2,000 this platform takes');
    expect(opened).toEqual([]);
    expect(harness.joor.emulator.stats().requests).toBe(0);
    expect(await harness.store.list('rejected/maison/')).toHaveLength(2);
    expect(await lockHolderOf(harness.store, 'maison')).toBeUndefined();
  });

  it('lets a file at the bound through', async () => {
    harness = await PipelineHarness.start();
    const file = fileOf(customers(1, 3));
    harness.bounds = { ...harness.bounds, maxFileBytes: Buffer.byteLength(file) };
    harness.upload('customer_1.psv', file);
    await harness.drain();
    const [report] = await harness.reports();
    expect(report!.refusal).toBeUndefined();
    expect(report!.counts).toMatchObject({ accepted: 3 });
  });
});

describe('refused files', () => {
  it('are reported one report per interval: the first at once, the rest named in one digest when the interval ends', async () => {
    harness = await PipelineHarness.start();
    const h = harness;
    h.bounds = { ...h.bounds, maxFileBytes: 2_000 };
    const bad = ['orders_1.psv', 'orders_2.psv', 'orders_3.psv'];
    for (const name of bad) h.upload(name, fileOf(customers(1, 2)));
    h.upload('customer_cut.psv', fileOf(customers(1, 2)).slice(0, 100), 1, 'partial');
    h.upload('customer_huge.psv', fileOf(customers(1, 20)));
    h.upload('customer_1.psv', fileOf(customers(1, 3)));
    await h.drain();
    const reports = await h.reports();
    const digest = reports.find((r) => r.refusal?.code === 'refused_files')!;
    expect(reports.map((r) => r.refusal?.code ?? r.file.name).sort()).toEqual(
      ['customer_1.psv', 'file_name', 'refused_files'].sort(),
    );
    expect(digest.refusedFiles!.map((f) => [f.file, f.code])).toEqual([
      ['orders_2.psv', 'file_name'],
      ['orders_3.psv', 'file_name'],
      ['customer_cut.psv', 'partial_upload'],
      ['customer_huge.psv', 'file_too_large'],
    ]);
    expect(digest.file.name).toBe('4 refused files');
    expect(h.mailer.sent).toHaveLength(3);
    const digestEmail = h.mailer.sent.find((m) => m.raw.toString().includes('refused files'))!;
    expect(digestEmail.raw.toString()).toContain('orders_3.psv');
    // Every file ends with exactly one report: its own, or a line of the digest (its run's claim names it).
    const named = [
      ...reports.filter((r) => r !== digest).map((r) => r.file.name),
      ...digest.refusedFiles!.map((f) => f.file),
    ];
    expect(named.sort()).toEqual([...bad, 'customer_cut.psv', 'customer_huge.psv', 'customer_1.psv'].sort());
    for (const f of digest.refusedFiles!) {
      const claim = JSON.parse((await h.store.getText(keys.finalizeClaim('maison', f.runId)))!);
      expect(claim).toMatchObject({ done: true, digest: digest.runId });
      expect(await h.store.exists(keys.report('maison', f.runId, 'json'))).toBe(false);
    }
    expect(await h.store.list('rejected/maison/')).toHaveLength(5);
    expect(await h.store.list('inbox/')).toEqual([]);
    expect(await h.store.list('partial/')).toEqual([]);
  });

  it('opens a new interval once the last one ended: the next refused file is reported at once again', async () => {
    harness = await PipelineHarness.start();
    harness.bounds = { ...harness.bounds, refusalDigestMinutes: 30 };
    harness.upload('orders_1.psv', fileOf(customers(1, 2)));
    harness.upload('orders_2.psv', fileOf(customers(1, 2)));
    await harness.drain();
    // The digest came 30 minutes later (the harness's clock followed its delayed message): this one opens anew.
    harness.upload('orders_3.psv', fileOf(customers(1, 2)));
    await harness.drain();
    const reports = (await harness.reports()).sort((a, b) =>
      a.file.receivedAt.localeCompare(b.file.receivedAt),
    );
    expect(reports.map((r) => [r.file.name, r.refusal?.code])).toEqual([
      ['orders_1.psv', 'file_name'],
      ['1 refused file', 'refused_files'],
      ['orders_3.psv', 'file_name'],
    ]);
    expect(reports[1]!.refusal!.message).toContain('within the next 30 minutes');
    expect(harness.mailer.sent).toHaveLength(3);
  });
});
