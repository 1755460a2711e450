import { afterEach, describe, expect, it } from 'vitest';
import type { Customer } from '../../lambdas/core/types.js';
import { objectCreatedEvent } from '../../lambdas/pipeline/inboxMessages.js';
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
    expect(await harness.store.getText(keys.lock('maison'))).toBeUndefined();
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
