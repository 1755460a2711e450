import { PutObjectCommand } from '@aws-sdk/client-s3';
import { DeleteMessageCommand, ReceiveMessageCommand, SendMessageCommand } from '@aws-sdk/client-sqs';
import { simpleParser } from 'mailparser';
import ssh2 from 'ssh2';
import SftpClient from 'ssh2-sftp-client';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { SyncReport } from '../../lambdas/core/reporting/SyncReport.js';
import type { Customer } from '../../lambdas/core/types.js';
import { lockHolderOf, readTenant } from '../../lambdas/pipeline/index.js';
import { keys } from '../../lambdas/pipeline/keys.js';
import type { BatchMessage } from '../../lambdas/pipeline/runTypes.js';
import { LocalTransferServer } from '../../tools/emulators/sftp/LocalTransferServer.js';
import type { SqsHandler } from '../../tools/local/LocalLambdaRuntime.js';
import { type AwsStack, createAwsStack, sentMail } from '../helpers/awsStack.js';
import { dieBeforeFirstResultIsRecorded } from '../helpers/crashes.js';
import { makeCustomer } from '../helpers/customerFactory.js';
import { expectEverythingAccountedFor } from '../helpers/invariant.js';
import { type JoorHarness, startJoor } from '../helpers/joor.js';
import { motoEndpoint } from '../helpers/moto.js';
import { holdTenant } from '../helpers/tenantHolder.js';
import { writeCustomerFile } from '../helpers/writeCustomerFile.js';

const endpoint = motoEndpoint();
const customers = (from: number, count: number): Customer[] =>
  Array.from({ length: count }, (_, k) => makeCustomer(from + k));
const fileOf = (list: Customer[]) =>
  writeCustomerFile(list, { layout: 'address-rows', delimiter: '|', header: true });

let stack: AwsStack;
let joor: JoorHarness;
let test = 0;

const setUp = async (
  emulatorOptions: Parameters<typeof startJoor>[0] = {},
  bulkSize = 500,
  credentials: 'secret' | 'parameter' = 'secret',
) => {
  joor = await startJoor(emulatorOptions);
  stack = await createAwsStack(endpoint, `e2e-${Date.now()}-${++test}`);
  const { secretName: _secret, ...joorSettings } = joor.tenant.joor;
  await stack.putTenant({
    ...joor.tenant,
    tenantId: 'maison',
    displayName: 'Maison',
    bulkSize,
    joor:
      credentials === 'secret'
        ? { ...joorSettings, secretName: `customer-sync/maison/joor-${test}` }
        : { ...joorSettings, credentialsParameter: `/customer-sync/tenants/maison/joor-${test}` },
    report: {
      recipients: ['erp@maison.example'],
      sender: 'sync@maison.example',
      bodyRowLimit: 50,
      timeZone: 'UTC',
    },
  });
};

const upload = (name: string, body: string) =>
  stack.s3.send(new PutObjectCommand({ Bucket: stack.bucket, Key: `inbox/maison/${name}`, Body: body }));

const reports = async (): Promise<SyncReport[]> => {
  const reportKeys = (await stack.deps.store.list('reports/maison/')).filter((key) =>
    key.endsWith('report.json'),
  );
  return Promise.all(
    reportKeys.map(async (key) => JSON.parse((await stack.deps.store.getText(key))!) as SyncReport),
  );
};

beforeEach(async () => {
  await fetch(`${endpoint}/moto-api/reset`, { method: 'POST' });
});
afterEach(async () => {
  await joor?.stop();
  // The invariant of every run: each data row accepted, unchanged, rejected, failed or quarantined.
  for (const report of await reports()) expectEverythingAccountedFor(report);
});

// Real servers, real time-outs and a 2-core machine shared with the other test files: one retry absorbs a slow
// moment; a real fault fails twice. (Each test starts from a reset moto and a fresh stack, so a retry is clean.)
/** A raw message with its folded header lines joined again (RFC 5322 §2.2.3). */
const unfold = (raw: string): string => raw.replace(/\r?\n[ \t]+/g, ' ');

describe('the pipeline over moto (S3 notifications, SQS with redrive, SES, Secrets Manager)', {
  timeout: 120_000,
  retry: 1,
}, () => {
  it('takes a file from S3 to JOOR and emails one report', async () => {
    await setUp();
    await upload('customer_20261127.psv', fileOf(customers(1, 8)));
    await stack.runtime().runUntilIdle({ timeoutMs: 30_000 });
    const mail = await sentMail(endpoint);
    expect(mail).toHaveLength(1);
    // Headers are folded at 78 characters: compare the subject unfolded.
    expect(unfold(mail[0]!)).toContain(
      'Subject: [Customer Sync] Success: Maison customer_20261127.psv - 8 of 8 synced',
    );
    expect(mail[0]).toContain('Content-Type: text/csv');
    const [report] = await reports();
    expect(report!.counts).toMatchObject({ rows: 12, customers: 8, new: 8, accepted: 8, failed: 0 });
    expect(joor.emulator.stats().creates).toBe(8);
    expect(await stack.deps.store.list('inbox/')).toEqual([]);
    expect(await lockHolderOf(stack.deps.store, 'maison')).toBeUndefined();
  });

  // #34: the consumer reads the tenant's credentials from its SSM SecureString parameter, decrypted, as from a secret.
  it('syncs a tenant whose JOOR credentials are an SSM SecureString parameter', async () => {
    await setUp({}, 500, 'parameter');
    await upload('customer_20261127.psv', fileOf(customers(1, 4)));
    await stack.runtime().runUntilIdle({ timeoutMs: 30_000 });
    const [report] = await reports();
    expect(report!.counts).toMatchObject({ customers: 4, accepted: 4, failed: 0 });
    expect(joor.emulator.stats().creates).toBe(4);
    expect(await sentMail(endpoint)).toHaveLength(1);
  });

  it('runs once when the same S3 event is delivered three times', async () => {
    await setUp();
    await upload('customer_1.psv', fileOf(customers(1, 3)));
    // Take S3's event off the queue and deliver it three times.
    let event: string | undefined;
    for (let k = 0; k < 10 && !event; k += 1) {
      const { Messages } = await stack.sqs.send(
        new ReceiveMessageCommand({
          QueueUrl: stack.queues.inbox.url,
          MaxNumberOfMessages: 10,
          VisibilityTimeout: 60,
        }),
      );
      for (const message of Messages ?? []) {
        if (message.Body!.includes('ObjectCreated')) event = message.Body!;
        await stack.sqs.send(
          new DeleteMessageCommand({
            QueueUrl: stack.queues.inbox.url,
            ReceiptHandle: message.ReceiptHandle!,
          }),
        );
      }
    }
    for (let k = 0; k < 3; k += 1)
      await stack.sqs.send(new SendMessageCommand({ QueueUrl: stack.queues.inbox.url, MessageBody: event! }));
    await stack.runtime().runUntilIdle({ timeoutMs: 30_000 });
    expect(await sentMail(endpoint)).toHaveLength(1);
    expect(joor.emulator.stats().byRoute['POST /v2/bulk-connection']).toBe(1);
  });

  it('reports the customers of a batch that exhausts its receives, through the dead-letter queue', async () => {
    await setUp({}, 2);
    await upload('customer_1.psv', fileOf(customers(1, 4)));
    // The consumer never gets batch 1 through; the other batches go through the real handler.
    const failBatchOne =
      (handler: SqsHandler): SqsHandler =>
      async (event, context) => {
        const isOne = (record: (typeof event.Records)[number]) =>
          (JSON.parse(record.body) as BatchMessage).batch === 1;
        const others = event.Records.filter((record) => !isOne(record));
        const response = others.length > 0 ? await handler({ Records: others }, context) : undefined;
        const failing = event.Records.filter(isOne).map((record) => ({ itemIdentifier: record.messageId }));
        return { batchItemFailures: [...(response?.batchItemFailures ?? []), ...failing] };
      };
    await stack.runtime({ consumer: failBatchOne }).runUntilIdle({ timeoutMs: 60_000 });
    const [report] = await reports();
    expect(report!.counts).toMatchObject({ sent: 4, accepted: 2, failed: 2 });
    expect(report!.failures.map((f) => f.code)).toEqual(['delivery_exhausted', 'delivery_exhausted']);
    expect(await sentMail(endpoint)).toHaveLength(1);
  });

  it('records a batch once when its result cannot be written at first, and never posts it to JOOR again', async () => {
    await setUp();
    await upload('customer_1.psv', fileOf(customers(1, 4)));
    const died = dieBeforeFirstResultIsRecorded(stack.deps.store);
    await stack.runtime().runUntilIdle({ timeoutMs: 60_000 });
    const [report] = await reports();
    expect(died()).toBe(true);
    expect(report!.counts).toMatchObject({ sent: 4, accepted: 4, failed: 0 });
    // The post and its job were recorded before the result: the retry only checks the job again (issue #20).
    expect(joor.emulator.stats()).toMatchObject({ creates: 4, updates: 0 });
    expect(joor.emulator.stats().byRoute['POST /v2/bulk-connection']).toBe(1);
    expect(await sentMail(endpoint)).toHaveLength(1);
  });

  it('runs two files of one tenant one after the other, the second arriving while the first runs, one email each', async () => {
    await setUp();
    await upload('customer_1.psv', fileOf(customers(1, 3)));
    const runtime = stack.runtime();
    // The first file's run takes the tenant before the second arrives (a condition, not a pause).
    while ((await lockHolderOf(stack.deps.store, 'maison')) === undefined)
      await runtime.pollOnce(['splitter']);
    await upload('customer_2.psv', fileOf(customers(1, 4)));
    await runtime.runUntilIdle({ timeoutMs: 60_000 });
    const all = (await reports()).sort((a, b) => a.file.name.localeCompare(b.file.name));
    expect(all.map((r) => [r.file.name, r.counts.new, r.counts.unchanged, r.counts.superseded])).toEqual([
      ['customer_1.psv', 3, 0, 0],
      ['customer_2.psv', 1, 3, 0],
    ]);
    expect(await sentMail(endpoint)).toHaveLength(2);
  });

  it('gets every customer through JOOR at 30% 429 and 20% 500', async () => {
    await setUp({ faults: { 429: 0.3, 500: 0.2 } }, 5);
    await upload('customer_1.psv', fileOf(customers(1, 15)));
    await stack.runtime().runUntilIdle({ timeoutMs: 90_000 });
    const [report] = await reports();
    expect(report!.counts.accepted + report!.counts.failed).toBe(15);
    expect(new Set(report!.failures.map((f) => f.customerCode)).size).toBe(report!.counts.failed);
    expect(await sentMail(endpoint)).toHaveLength(1);
  });

  it('processes the newest of three files that arrive while a run is active, the middle one superseded', async () => {
    await setUp();
    await upload('customer_1.psv', fileOf(customers(1, 3)));
    const runtime = stack.runtime();
    // The first file's run takes the tenant before the others arrive.
    while ((await lockHolderOf(stack.deps.store, 'maison')) === undefined)
      await runtime.pollOnce(['splitter']);
    await upload('customer_2.psv', fileOf(customers(1, 4)));
    // The second waits before the third arrives, so the third is the newest by arrival.
    while ((await readTenant(stack.deps.store, 'maison')).next === undefined)
      await runtime.pollOnce(['splitter']);
    await upload('customer_3.psv', fileOf(customers(1, 5)));
    // Both wait behind the active run before it ends.
    while (((await readTenant(stack.deps.store, 'maison')).next?.supersededRuns.length ?? 0) < 1)
      await runtime.pollOnce(['splitter']);
    await runtime.runUntilIdle({ timeoutMs: 60_000 });
    const all = await reports();
    expect(all.map((r) => r.file.name).sort()).toEqual(['customer_1.psv', 'customer_3.psv']);
    expect(all.find((r) => r.file.name === 'customer_3.psv')!.superseded.map((s) => s.file)).toEqual([
      'customer_2.psv',
    ]);
    expect(await sentMail(endpoint)).toHaveLength(2);
  });

  it('quarantines a file that would drop half the known customers', async () => {
    await setUp();
    await upload('customer_1.psv', fileOf(customers(1, 10)));
    await stack.runtime().runUntilIdle({ timeoutMs: 30_000 });
    const posts = joor.emulator.stats().byRoute['POST /v2/bulk-connection'];
    await upload('customer_2.psv', fileOf(customers(1, 5)));
    await stack.runtime().runUntilIdle({ timeoutMs: 30_000 });
    const second = (await reports()).find((r) => r.file.name === 'customer_2.psv')!;
    expect(second.refusal?.code).toBe('mass_drop');
    expect(joor.emulator.stats().byRoute['POST /v2/bulk-connection']).toBe(posts);
    const mail = await sentMail(endpoint);
    expect(mail).toHaveLength(2);
    expect(unfold(mail[1]!)).toContain('[Customer Sync] Error: Maison customer_2.psv - held back');
  });

  it('plans a file dropped under dry-run/ and reports it, sending nothing and moving no state', async () => {
    await setUp();
    await upload('customer_1.psv', fileOf(customers(1, 4)));
    await stack.runtime().runUntilIdle({ timeoutMs: 30_000 });
    const posts = joor.emulator.stats().byRoute['POST /v2/bulk-connection'];
    const changed = customers(1, 4);
    changed[0] = { ...changed[0]!, priceLabel: 'Retail USD' };
    await upload('dry-run/customer_2.psv', fileOf(changed));
    await stack.runtime().runUntilIdle({ timeoutMs: 30_000 });
    const dry = (await reports()).find((r) => r.file.name === 'customer_2.psv')!;
    expect(dry.dryRun).toEqual({ new: [] });
    expect(dry.counts).toMatchObject({ changed: 1, unchanged: 3, sent: 0, accepted: 0 });
    expect(dry.changed).toEqual([
      {
        customerCode: 'C0000001',
        customerName: 'Boutique 1',
        changes: [{ field: 'price_label', before: 'Wholesale USD', after: 'Retail USD' }],
      },
    ]);
    expect(joor.emulator.stats().byRoute['POST /v2/bulk-connection']).toBe(posts);
    const mail = await sentMail(endpoint);
    expect(mail).toHaveLength(2);
    expect(unfold(mail[1]!)).toContain('dry run, 1 would be sent');
    // The same file sent for real afterwards still finds the change: the dry run moved no state.
    await upload('customer_3.psv', fileOf(changed));
    await stack.runtime().runUntilIdle({ timeoutMs: 30_000 });
    const real = (await reports()).find((r) => r.file.name === 'customer_3.psv')!;
    expect(real.counts).toMatchObject({ changed: 1, accepted: 1 });
    expect(real.changed).toEqual(dry.changed);
  });

  it('plans a file an ERP pushes over SFTP into dry-run/, sending nothing, holding no lock, moving no state', async () => {
    await setUp();
    const erpKeys = ssh2.utils.generateKeyPairSync('ed25519');
    const sftpServer = new LocalTransferServer({
      s3: stack.s3,
      bucket: stack.bucket,
      users: [{ userName: 'maison', publicKeys: [erpKeys.public] }],
    });
    const port = await sftpServer.start();
    /** One SFTP session of the ERP: each file put at its path in the home, then the workflows left to finish. */
    const push = async (files: [string, string][], folder?: string) => {
      const client = new SftpClient();
      await client.connect({ host: '127.0.0.1', port, username: 'maison', privateKey: erpKeys.private });
      if (folder) await client.mkdir(folder);
      for (const [path, body] of files) await client.put(Buffer.from(body), path);
      await client.end();
      await sftpServer.settled();
    };
    const { environment, accountId } = joor.tenant.joor;
    const snapshotKey = keys.snapshot('maison', environment, accountId);
    const syncedState = async () => {
      const stateKeys = (await stack.deps.store.list(snapshotKey.replace('snapshot.json', ''))).sort();
      return Promise.all(stateKeys.map(async (key) => [key, await stack.deps.store.getText(key)]));
    };
    try {
      await push([['/customer_1.psv', fileOf(customers(1, 4))]]);
      await stack.runtime().runUntilIdle({ timeoutMs: 60_000 });
      const posts = joor.emulator.stats().byRoute['POST /v2/bulk-connection'];
      const state = await syncedState();
      expect(state.length).toBeGreaterThan(1);

      // Another run holds the tenant while the ERP drops a dry run (and a file the tenant does not take) in dry-run/:
      // neither waits for it, nor touches it.
      await holdTenant(stack.deps.store, 'maison', 'someone-else');
      const changed = [...customers(1, 4), makeCustomer(5)];
      changed[0] = { ...changed[0]!, priceLabel: 'Retail USD' };
      await push(
        [
          ['/dry-run/customer_2.psv', fileOf(changed)],
          ['/dry-run/orders.psv', fileOf(changed)],
        ],
        '/dry-run',
      );
      await stack.runtime().runUntilIdle({ timeoutMs: 60_000 });
      expect(await stack.deps.store.list('landing/')).toEqual([]);
      expect(await stack.deps.store.list('rejected/maison/upload-failed/')).toEqual([]);
      const dry = (await reports()).find((r) => r.file.name === 'customer_2.psv')!;
      expect(dry.dryRun).toEqual({ new: ['C0000005'] });
      expect(dry.counts).toMatchObject({ new: 1, changed: 1, unchanged: 3, sent: 0, accepted: 0 });
      expect(dry.changed).toEqual([
        {
          customerCode: 'C0000001',
          customerName: 'Boutique 1',
          changes: [{ field: 'price_label', before: 'Wholesale USD', after: 'Retail USD' }],
        },
      ]);
      const refused = (await reports()).find((r) => r.file.name === 'orders.psv')!;
      expect(refused.refusal?.code).toBe('file_name');
      // The report is stored with the run and emailed, opening with the dry run and showing the plan.
      const stored = await stack.deps.store.getText(keys.report('maison', dry.runId, 'txt'));
      expect(stored).toContain('Dry run: nothing was sent to JOOR.');
      expect(await stack.deps.store.getText(keys.report('maison', dry.runId, 'html'))).toContain(
        'Dry run: nothing was sent to JOOR.',
      );
      const mails = await Promise.all((await sentMail(endpoint)).map((raw) => simpleParser(raw)));
      expect(mails).toHaveLength(3);
      const dryMail = mails.find((mail) => mail.subject?.includes('customer_2.psv'))!;
      expect(dryMail.subject).toContain('dry run, 2 would be sent');
      expect(dryMail.text).toContain('Dry run: nothing was sent to JOOR.');
      expect(dryMail.text).toContain('New customers (1), would be created in JOOR:\n  C0000005');
      expect(dryMail.text).toContain('price_label: Wholesale USD → Retail USD');
      expect(mails.find((mail) => mail.subject?.includes('orders.psv'))!.subject).toContain('Error');
      // Nothing reached JOOR; the other run's lock and the synced state are as they were.
      expect(joor.emulator.stats().byRoute['POST /v2/bulk-connection']).toBe(posts);
      expect(await lockHolderOf(stack.deps.store, 'maison')).toBe('someone-else');
      expect(await syncedState()).toEqual(state);

      // The other run over, the same file put in the home itself is synced, and finds the change still to send.
      await stack.deps.store.delete(keys.tenant('maison'));
      await push([['/customer_3.psv', fileOf(changed)]]);
      await stack.runtime().runUntilIdle({ timeoutMs: 60_000 });
      const real = (await reports()).find((r) => r.file.name === 'customer_3.psv')!;
      expect(real.dryRun).toBeUndefined();
      expect(real.counts).toMatchObject({ new: 1, changed: 1, accepted: 2, failed: 0 });
      expect(real.changed).toEqual(dry.changed);
      expect(joor.emulator.stats().byRoute['POST /v2/bulk-connection']).toBe(posts! + 1);
      expect(await stack.deps.store.list('inbox/')).toEqual([]);
      expect(await lockHolderOf(stack.deps.store, 'maison')).toBeUndefined();
    } finally {
      await sftpServer.stop();
    }
  });

  it('takes a file an ERP pushes over SFTP, and reports an upload cut short', async () => {
    await setUp();
    const keys = ssh2.utils.generateKeyPairSync('ed25519');
    const sftpServer = new LocalTransferServer({
      s3: stack.s3,
      bucket: stack.bucket,
      users: [{ userName: 'maison', publicKeys: [keys.public] }],
    });
    const port = await sftpServer.start();
    try {
      const client = new SftpClient();
      await client.connect({ host: '127.0.0.1', port, username: 'maison', privateKey: keys.private });
      await client.put(Buffer.from(fileOf(customers(1, 5))), '/customer_20261127T0800.psv');
      await client.end();
      await sftpServer.settled();
      await stack.runtime().runUntilIdle({ timeoutMs: 60_000 });
      expect((await reports()).map((r) => [r.file.name, r.counts.accepted])).toEqual([
        ['customer_20261127T0800.psv', 5],
      ]);

      // The ERP's session drops in the middle of the next file: the file stays open when the connection ends.
      const raw = new ssh2.Client();
      await new Promise<void>((resolve, reject) => {
        raw.on('ready', () => {
          raw.sftp((error, sftp) => {
            if (error) return reject(error);
            sftp.open('/customer_20261127T0900.psv', 'w', (openError, handle) => {
              if (openError) return reject(openError);
              const part = Buffer.from(fileOf(customers(1, 5)).slice(0, 300));
              sftp.write(handle, part, 0, part.length, 0, (writeError) => {
                if (writeError) return reject(writeError);
                raw.end();
                resolve();
              });
            });
          });
        });
        raw.on('error', reject);
        raw.connect({ host: '127.0.0.1', port, username: 'maison', privateKey: keys.private });
      });
      // The server notices the dropped session on its own time: wait for the workflow's move, not a fixed pause.
      for (let k = 0; k < 100 && (await stack.deps.store.list('partial/')).length === 0; k += 1) {
        await new Promise((resolve) => setTimeout(resolve, 100));
        await sftpServer.settled();
      }
      await stack.runtime().runUntilIdle({ timeoutMs: 60_000 });
      const partial = (await reports()).find((r) => r.file.name === 'customer_20261127T0900.psv')!;
      expect(partial.refusal?.code).toBe('partial_upload');
      expect(partial.counts.sent).toBe(0);
      const mail = await sentMail(endpoint);
      expect(mail).toHaveLength(2);
      expect(unfold(mail[1]!)).toMatch(/Subject: \[Customer Sync\] Error: .* - upload cut off/);
      expect(await stack.deps.store.list('inbox/')).toEqual([]);
      expect(await stack.deps.store.list('landing/')).toEqual([]);
    } finally {
      await sftpServer.stop();
    }
  });
});
