import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PutObjectCommand } from '@aws-sdk/client-s3';
import {
  DeleteMessageCommand,
  GetQueueAttributesCommand,
  ReceiveMessageCommand,
  SendMessageCommand,
} from '@aws-sdk/client-sqs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { S3ObjectStore } from '../../lambdas/adapters/S3ObjectStore.js';
import type { SyncReport } from '../../lambdas/core/reporting/SyncReport.js';
import { startRequestsOf } from '../../lambdas/pipeline/inboxMessages.js';
import { lockHolderOf } from '../../lambdas/pipeline/index.js';
import { keys } from '../../lambdas/pipeline/keys.js';
import { ERASURES_PREFIX, operatorPermissions } from '../../lib/platform/operatorActions.js';
import { makeCustomer } from '../helpers/customerFactory.js';
import { expectEverythingAccountedFor } from '../helpers/invariant.js';
import {
  type OperatorPlatform,
  pollUntil,
  settle,
  startOperatorPlatform,
} from '../helpers/operatorPlatform.js';
import { holdTenant } from '../helpers/tenantHolder.js';
import { writeCustomerFile } from '../helpers/writeCustomerFile.js';

let platform: OperatorPlatform;
const cli = (...args: string[]) => platform.cli(...args);
const json = (...args: string[]) => platform.json(...args);
const upload = (name: string, body: string) => platform.upload('maison', name, body);
const depth = async (url: string): Promise<number> => {
  const { Attributes } = await platform.stack.sqs.send(
    new GetQueueAttributesCommand({
      QueueUrl: url,
      AttributeNames: ['ApproximateNumberOfMessages', 'ApproximateNumberOfMessagesNotVisible'],
    }),
  );
  return (
    Number(Attributes!.ApproximateNumberOfMessages) +
    Number(Attributes!.ApproximateNumberOfMessagesNotVisible)
  );
};
const file = (from: number, count: number) =>
  writeCustomerFile(
    Array.from({ length: count }, (_, k) => makeCustomer(from + k)),
    { layout: 'address-rows', delimiter: '|', header: true },
  );

beforeAll(async () => {
  platform = await startOperatorPlatform({ name: 'ops', tenants: ['maison'] });
  await upload('customer_1.psv', file(1, 4));
  await settle(platform.deploy());
}, 120_000);
afterAll(async () => {
  await platform?.stop();
});

describe('operator commands against moto, the platform found through CloudFormation (#12)', {
  timeout: 120_000,
}, () => {
  let firstRun: string;

  it('runs: the tenant’s recent runs, newest first, with status and counts', async () => {
    const { runs } = await json('runs', '--tenant', 'maison');
    expect(runs).toHaveLength(1);
    expect(runs[0]).toMatchObject({
      status: 'success',
      file: 'customer_1.psv',
      counts: { sent: 4, accepted: 4 },
    });
    firstRun = runs[0].runId;
    const text = await cli('runs', '--tenant', 'maison');
    expect(text.stdout).toContain(`${firstRun}`);
    expect(text.stdout).toContain('accepted 4');
  });

  it('run: its manifest, batches, results, email and where the report and file are', async () => {
    const detail = await json('run', 'maison', firstRun);
    expect(detail).toMatchObject({
      runId: firstRun,
      status: 'success',
      manifest: { batches: 1 },
      batches: [{ batch: 0, accepted: 4, failed: 0 }],
      batchesWaiting: [],
      // Nothing of a finished run waits on JOOR; the job checks that ran for it say so.
      joor: { batches: [], checks: { done: true } },
      email: { status: 'sent' },
      holdsLock: false,
      report: { html: `s3://${platform.stack.bucket}/reports/maison/${firstRun}/report.html` },
      fileAt: `s3://${platform.stack.bucket}/processed/maison/${firstRun}_customer_1.psv`,
    });
    const missing = await cli('run', 'maison', 'no-such-run');
    expect(missing.code).toBe(2);
    expect(missing.stderr).toMatch(/No run no-such-run of tenant maison/);
  });

  it('replay --full: the archived file runs again as a new run, every customer sent', async () => {
    // Without --yes a full replay only says what it would do (issue #23).
    expect(await json('replay', 'maison', firstRun, '--full')).toMatchObject({ action: 'shown' });
    expect((await json('runs', '--tenant', 'maison')).runs).toHaveLength(1);
    const replayed = await json('replay', 'maison', firstRun, '--full', '--yes');
    expect(replayed).toMatchObject({
      replayOf: firstRun,
      full: true,
      key: 'inbox/maison/customer_1.psv',
      action: 'replayed',
    });
    await settle(platform.deploy());
    const { runs } = await json('runs', '--tenant', 'maison', '--limit', '1');
    expect(runs).toHaveLength(1);
    expect(runs[0]).toMatchObject({ status: 'success', counts: { sent: 4, accepted: 4 } });
    const report = JSON.parse(
      (await platform.stack.deps.store.getText(keys.report('maison', runs[0].runId, 'json')))!,
    ) as SyncReport;
    expect(report.counts).toMatchObject({ changed: 4, unchanged: 0 });
    expect(report.notes.join(' ')).toContain(`Replayed in full by an operator from run ${firstRun}`);
    expectEverythingAccountedFor(report);
    expect(platform.joor.emulator.stats()).toMatchObject({ creates: 4, updates: 4 });
  });

  it('unlock: shows who holds the tenant, and with --yes closes that run with a report and frees the tenant', async () => {
    expect(await json('unlock', 'maison')).toEqual({ tenantId: 'maison', action: 'free' });
    // A splitter that took the tenant and died, whose dead-letter handler never ran: its lock stays for 8 hours.
    await upload('customer_2.psv', file(1, 4));
    let event: string | undefined;
    while (!event) {
      const { Messages } = await platform.stack.sqs.send(
        new ReceiveMessageCommand({ QueueUrl: platform.stack.queues.inbox.url, WaitTimeSeconds: 1 }),
      );
      for (const message of Messages ?? []) {
        event = message.Body!;
        await platform.stack.sqs.send(
          new DeleteMessageCommand({
            QueueUrl: platform.stack.queues.inbox.url,
            ReceiptHandle: message.ReceiptHandle!,
          }),
        );
      }
    }
    const [request] = startRequestsOf(event);
    const since = new Date().toISOString();
    await platform.stack.deps.store.putText(
      keys.startClaim('maison', request!.runId),
      JSON.stringify({ runId: request!.runId, file: request!.file }),
    );
    await holdTenant(platform.stack.deps.store, 'maison', request!.runId, { file: request!.file, since });
    const shown = await cli('unlock', 'maison');
    expect(shown.code).toBe(0);
    expect(shown.stdout).toContain(`maison is held by run ${request!.runId} (customer_2.psv) since ${since}`);
    expect(shown.stdout).toContain('Add --yes');
    expect(await lockHolderOf(platform.stack.deps.store, 'maison')).toBeDefined();

    expect(await json('unlock', 'maison', '--yes')).toMatchObject({
      action: 'closing',
      holder: { runId: request!.runId },
    });
    await settle(platform.deploy());
    expect(await lockHolderOf(platform.stack.deps.store, 'maison')).toBeUndefined();
    const detail = await json('run', 'maison', request!.runId);
    expect(detail).toMatchObject({ status: 'refused', holdsLock: false });
    expect(detail.fileAt).toContain(`rejected/maison/${request!.runId}_customer_2.psv`);
    // Running it again finds the tenant free: nothing more is done.
    expect(await json('unlock', 'maison', '--yes')).toEqual({ tenantId: 'maison', action: 'free' });
    // A finished run still holding the lock (its finalizer died before releasing it) is released.
    await holdTenant(platform.stack.deps.store, 'maison', firstRun, { since });
    expect(await json('unlock', 'maison', '--yes')).toMatchObject({ action: 'released' });
    expect(await lockHolderOf(platform.stack.deps.store, 'maison')).toBeUndefined();
  });

  it('redrive: moves a dead-letter queue’s messages back to their queue, a FIFO message with its group', async () => {
    for (const batch of [0, 1])
      await platform.stack.sqs.send(
        new SendMessageCommand({
          QueueUrl: platform.stack.queues.workDlq.url,
          MessageBody: JSON.stringify({ tenantId: 'maison', runId: firstRun, batch, customers: [] }),
          MessageGroupId: 'maison',
          MessageDeduplicationId: `dlq-${batch}`,
        }),
      );
    await platform.stack.sqs.send(
      new SendMessageCommand({
        QueueUrl: platform.queues.finalizeDlq.url,
        MessageBody: JSON.stringify({ tenantId: 'maison', runId: firstRun }),
      }),
    );
    await platform.stack.sqs.send(
      new SendMessageCommand({ QueueUrl: platform.queues.inboxDlq.url, MessageBody: '{"Records":[]}' }),
    );
    // Without --yes it says what it would move, and moves nothing (issue #23).
    expect(await json('redrive', 'work')).toEqual({ queue: 'work', moved: 0, waiting: 2, action: 'shown' });
    expect(await depth(platform.stack.queues.workDlq.url)).toBe(2);
    expect(await json('redrive', 'work', '--yes')).toEqual({ queue: 'work', moved: 2 });
    expect(await json('redrive', 'finalize', '--yes')).toEqual({ queue: 'finalize', moved: 1 });
    expect(await json('redrive', 'inbox', '--yes')).toEqual({ queue: 'inbox', moved: 1 });
    // The event moved back is an empty one: taken off the inbox queue here, so that no splitter is ever given it.
    const { Messages: inboxed } = await platform.stack.sqs.send(
      new ReceiveMessageCommand({ QueueUrl: platform.queues.inbox.url, WaitTimeSeconds: 1 }),
    );
    expect(inboxed?.map((m) => m.Body)).toEqual(['{"Records":[]}']);
    await platform.stack.sqs.send(
      new DeleteMessageCommand({
        QueueUrl: platform.queues.inbox.url,
        ReceiptHandle: inboxed![0]!.ReceiptHandle!,
      }),
    );
    expect(await depth(platform.stack.queues.workDlq.url)).toBe(0);
    expect(await depth(platform.queues.finalizeDlq.url)).toBe(0);
    const { Messages } = await platform.stack.sqs.send(
      new ReceiveMessageCommand({
        QueueUrl: platform.stack.queues.work.url,
        MaxNumberOfMessages: 10,
        MessageSystemAttributeNames: ['MessageGroupId'],
      }),
    );
    expect(Messages?.map((m) => m.Attributes?.MessageGroupId)).toEqual(['maison', 'maison']);
    // Again with nothing left: nothing moved.
    expect(await json('redrive', 'work', '--yes')).toEqual({ queue: 'work', moved: 0 });
    const wrong = await cli('redrive', 'outbox');
    expect(wrong.code).toBe(2);
    expect(wrong.stderr).toMatch(/redrive takes one of inbox, work, finalize/);
  });

  it('replay does what the file was for: a dry run replays as a dry run, a file refused for its folder is not replayed (#35)', async () => {
    const posts = () => platform.joor.emulator.stats().byRoute['POST /v2/bulk-connection'] ?? 0;
    await upload('dry-run/customer_3.psv', file(1, 6));
    await settle(platform.deploy());
    const [dry] = (await json('runs', '--tenant', 'maison', '--limit', '1')).runs;
    expect(dry).toMatchObject({ file: 'customer_3.psv', state: { stage: 'finished' } });
    const sent = posts();
    // A dry run sends nothing, so its replay needs no --yes: it goes back to dry-run/, and sends nothing either.
    const replayed = await json('replay', 'maison', dry.runId);
    expect(replayed).toMatchObject({
      action: 'replayed',
      dryRun: true,
      key: 'inbox/maison/dry-run/customer_3.psv',
    });
    await settle(platform.deploy());
    const [again] = (await json('runs', '--tenant', 'maison', '--limit', '1')).runs;
    expect(again.runId).not.toBe(dry.runId);
    const report = JSON.parse(
      (await platform.stack.deps.store.getText(keys.report('maison', again.runId, 'json')))!,
    ) as SyncReport;
    expect(report.dryRun).toBeDefined();
    expect(posts()).toBe(sent);

    // A file put in a folder the platform does not read is refused; its replay would sync it: refused, saying why.
    await upload('old/customer_4.psv', file(1, 6));
    await settle(platform.deploy());
    const [aside] = (await json('runs', '--tenant', 'maison', '--limit', '1')).runs;
    expect(aside.file).toBe('customer_4.psv');
    const refused = await cli('replay', 'maison', aside.runId, '--yes');
    expect(refused.code).toBe(2);
    expect(refused.stderr).toContain(
      `Not replayed: run ${aside.runId} is not one to replay: its file was put in a folder of the SFTP home the platform does not read`,
    );
    await settle(platform.deploy());
    expect(posts()).toBe(sent);
  });
});

describe('plan against the deployed platform, found by its stack name (#22)', { timeout: 60_000 }, () => {
  it('says what a file would do against the synced state in the bucket, field by field, and sends nothing', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'customer-sync-plan-e2e-'));
    const tenantPath = join(dir, 'maison.json');
    writeFileSync(tenantPath, JSON.stringify({ ...platform.joor.tenant, tenantId: 'maison' }));
    const renamed = Array.from({ length: 5 }, (_, k) => makeCustomer(1 + k));
    renamed[1] = { ...renamed[1]!, customerName: 'Boutique Deux' };
    const path = join(dir, 'customer_plan.psv');
    writeFileSync(path, writeCustomerFile(renamed, { layout: 'address-rows', delimiter: '|', header: true }));
    const before = await new S3ObjectStore(platform.stack.s3, platform.stack.bucket).list('');
    const posts = platform.joor.emulator.stats().byRoute['POST /v2/bulk-connection'];
    const summary = await json('plan', path, '--tenant', tenantPath);
    expect(summary).toMatchObject({
      file: 'customer_plan.psv',
      status: 'success',
      verdict: 'send',
      counts: { customers: 5, new: 1, changed: 1, unchanged: 3, missing: 0, known: 4 },
      new: ['C0000005'],
      changed: [
        {
          customerCode: 'C0000002',
          customerName: 'Boutique Deux',
          changes: [{ field: 'customer_name', before: 'Boutique 2', after: 'Boutique Deux' }],
        },
      ],
      missing: [],
      firstSync: false,
    });
    const text = await cli('plan', path, '--tenant', tenantPath);
    expect(text.code).toBe(0);
    expect(text.stdout).toContain('    customer_name: Boutique 2 → Boutique Deux');
    // Nothing written to the bucket, nothing sent to JOOR.
    expect(await new S3ObjectStore(platform.stack.s3, platform.stack.bucket).list('')).toEqual(before);
    expect(platform.joor.emulator.stats().byRoute['POST /v2/bulk-connection']).toBe(posts);
  });
});

describe('the operators’ managed policy, against what the commands call (#35)', { timeout: 120_000 }, () => {
  it('runs --not-processed and erase run too, erase over every prefix it rewrites or removes', async () => {
    expect((await cli('runs', '--not-processed')).code).toBe(0);
    // The customer's row refused in a later run: its report quotes them, so erase rewrites the report too.
    await upload('customer_3.psv', file(1, 4).replace('buyer1@shop.example', 'not-an-email'));
    await settle(platform.deploy());
    // A run still sending (its consumer fails and is not polled again): `run` finds its file where it arrived.
    // (A new customer, so that there is a batch to send.)
    await upload('customer_4.psv', file(1, 5));
    const sending = platform.deploy({
      wrap: {
        consumer: () => async () => {
          throw new Error('held for the test');
        },
      },
    });
    await pollUntil(sending, async () => (await platform.newestRun('maison'))?.file === 'customer_4.psv');
    const held = await platform.newestRun('maison');
    expect((await json('run', 'maison', held.runId)).fileAt).toBe(
      `s3://${platform.stack.bucket}/inbox/maison/customer_4.psv`,
    );
    // A file of the customer in each prefix erase clears, besides those the runs left (processed/, rejected/, runs/,
    // reports/, state/): an upload in landing/, and leftovers in inbox/ and partial/ whose runs never started.
    const rows = file(1, 1);
    for (const key of [
      'landing/maison/customer_9.psv',
      'inbox/maison/customer_9.psv',
      'partial/maison/customer_9.psv',
    ])
      await platform.stack.s3.send(
        new PutObjectCommand({ Bucket: platform.stack.bucket, Key: key, Body: rows }),
      );
    const erased = await cli('erase', 'maison', 'C0000001', '--yes', '--json');
    expect(erased.code, erased.stderr).toBe(0);
    // Run again, it finds nothing left and names the earlier record (every version of erasures/ read).
    const again = await cli('erase', 'maison', 'C0000001', '--yes', '--json');
    expect(again.code, again.stderr).toBe(0);
    expect(JSON.parse(again.stdout).erasedBefore).not.toEqual([]);
  });

  it('grants exactly what the commands call: every action on every resource, no more and no less', () => {
    const used = platform.permissionsUsed();
    const granted = operatorPermissions();
    expect(
      [...used].filter((permission) => !granted.has(permission)).sort(),
      'called but not granted',
    ).toEqual([]);
    expect(
      [...granted].filter((permission) => !used.has(permission)).sort(),
      'granted but never called',
    ).toEqual([]);
  });

  it('grants no receive or delete on the pipeline’s queues, and no send to a dead-letter queue', () => {
    const granted = [...operatorPermissions()];
    expect(granted.filter((p) => /^sqs:(ReceiveMessage|DeleteMessage) queue:/.test(p))).toEqual([]);
    expect(granted.filter((p) => /^sqs:SendMessage dead-letter-queue:/.test(p))).toEqual([]);
    expect(granted.filter((p) => p.includes(`objects:${ERASURES_PREFIX}`) && p.includes('Delete'))).toEqual(
      [],
    );
  });
});
