import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  CopyObjectCommand,
  DeleteObjectCommand,
  GetObjectCommand,
  ListObjectsV2Command,
  PutObjectCommand,
} from '@aws-sdk/client-s3';
import { CreateEmailIdentityCommand, SESv2Client } from '@aws-sdk/client-sesv2';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Customer } from '../../lambdas/core/types.js';
import {
  createDeadLetterHandler,
  createFinalizeDeadLetterHandler,
  createInboxDeadLetterHandler,
  deadLetterDependenciesOf,
  finalizerDependencies,
  inboxDeadLetterDependencies,
} from '../../lambdas/handlers/index.js';
import { SAME_FAILURES_TO_CLOSE } from '../../lambdas/pipeline/failedDeliveries.js';
import { keys } from '../../lambdas/pipeline/keys.js';
import type { RunManifest } from '../../lambdas/pipeline/runTypes.js';
import { OPERATOR_ACTIONS, operatorPermissions } from '../../lib/platform/operatorActions.js';
import { JoorEmulator } from '../../tools/emulators/joor/JoorEmulator.js';
import type { SqsHandler } from '../../tools/local/LocalLambdaRuntime.js';
import { sentMail } from '../helpers/awsStack.js';
import { makeCustomers } from '../helpers/customerFactory.js';
import { brokenByDeploy, dyingWhen, splitterDyingOn, watched } from '../helpers/dyingInvocations.js';
import { type JoorHarness, startJoor, V2_CREDENTIALS } from '../helpers/joor.js';
import {
  type OperatorPlatform,
  pollUntil,
  settle,
  startOperatorPlatform,
} from '../helpers/operatorPlatform.js';
import { runCli } from '../helpers/runCli.js';
import { writeCustomerFile } from '../helpers/writeCustomerFile.js';

/*
 * docs/runbook.md tried as written (#24): each section whose steps are commands is followed here over moto, step by
 * step in its order, and each step is checked against what the section promises. The inbox dead-letter section, and
 * the "not processed" section's bad config and poison file, are the bad day's (operatorBadDay.test.ts). One platform,
 * a brand (tenant) for each section.
 */

let platform: OperatorPlatform;
const newestRun = (tenant: string) => platform.newestRun(tenant);
const body = (list: Customer[]) =>
  writeCustomerFile(list, { layout: 'address-rows', delimiter: '|', header: true });

beforeAll(async () => {
  platform = await startOperatorPlatform({ name: 'runbook', tenants: ['held', 'gone', 'upload'] });
}, 120_000);
afterAll(async () => {
  await platform?.stop();
});

describe('A message reached the work dead-letter queue', { timeout: 120_000 }, () => {
  /** A JOOR of brand `offline`'s own, which goes down and comes back (the shared one serves the other sections). */
  let offline: JoorHarness;
  /** Its emulator now: JOOR back is a new one on the same port. */
  let emulator: JoorEmulator;
  let port: number;
  const TENANT = 'offline';
  const joorDown = () => emulator.stop();
  const joorBack = async () => {
    emulator = new JoorEmulator({ windowMs: 1_000, job: { baseMs: 5, perRecordMs: 0.1 } });
    await emulator.start(port);
  };

  beforeAll(async () => {
    offline = await startJoor();
    emulator = offline.emulator;
    port = Number(new URL(emulator.url()).port);
    await platform.stack.putTenant({
      ...platform.tenantConfig(TENANT),
      joor: { ...offline.tenant.joor, secretName: `customer-sync/${TENANT}/joor` },
    });
  });
  afterAll(async () => {
    await emulator?.stop();
  });

  it('JOOR down while a deploy broke the handler: step 1 says the queue holds the message and the run holds the brand; the fixed handler records the batch, step 1 finds the run, `run` names the batch and why, joor-check shows JOOR not answering, and a replay of the newest file syncs it once JOOR is back', async () => {
    await joorDown();
    // A deploy left FINALIZE_QUEUE_URL out of the work dead-letter handler's environment.
    const broken = brokenByDeploy(
      () =>
        createDeadLetterHandler(() =>
          deadLetterDependenciesOf({
            BUCKET_NAME: platform.stack.bucket,
            JOBS_QUEUE_URL: platform.queues.jobs.url,
            S3_FORCE_PATH_STYLE: 'true',
          }),
        ) as SqsHandler,
    );
    const consumer = watched();
    let runtime = platform.deploy({ wrap: { consumer: consumer.wrap, 'dead-letter': broken.wrap } });
    await platform.upload(TENANT, 'customer_1.psv', makeCustomers(1, 4));
    // While the consumer keeps failing, "The work queue's oldest batch is old", See: `runs` shows it syncing.
    await pollUntil(runtime, () => consumer.seen.invocations >= 1);
    expect(await newestRun(TENANT)).toMatchObject({
      file: 'customer_1.psv',
      state: { stage: 'syncing', text: 'syncing: 0 of 1 batches recorded' },
    });
    await pollUntil(runtime, () => broken.seen.invocations >= 2);
    const alarm = broken.seen.firstAt!.toISOString();

    // "When the handler failed too", step 1: no run for the alarm, and the queue still holds its message.
    const before = await platform.json('runs', '--not-processed', '--since', alarm);
    expect([...before.runs, ...before.deadLettered]).toEqual([]);
    expect(before.deadLetters).toEqual({ inbox: 0, work: 1, finalize: 0 });
    expect((await platform.cli('runs', '--not-processed', '--since', alarm)).stdout).toContain(
      'The work dead-letter queue still holds 1 message(s) its handler has not finished with (docs/runbook.md#dead-letters-work)',
    );
    // The run holds its brand.
    const held = await newestRun(TENANT);
    expect(held).toMatchObject({ file: 'customer_1.psv', state: { stage: 'syncing' } });
    expect(await platform.json('run', TENANT, held.runId)).toMatchObject({ holdsLock: true });

    // Fix the handler and deploy (JOOR still down): it takes the message still in its queue.
    runtime = platform.deploy();
    await settle(runtime);
    // Step 1 again: across tenants, the run whose customers the handler recorded; the queue is empty, and a redrive
    // finds nothing to move.
    const listed = await platform.json('runs', '--not-processed', '--since', alarm);
    expect(listed.runs).toEqual([]);
    expect(listed.deadLettered).toEqual([
      expect.objectContaining({
        tenantId: TENANT,
        runId: held.runId,
        state: { stage: 'finished', text: 'finished: error' },
        notSynced: [{ queue: 'work', customers: 4 }],
      }),
    ]);
    expect(listed.deadLetters).toEqual({ inbox: 0, work: 0, finalize: 0 });
    expect((await platform.cli('runs', '--not-processed', '--since', alarm)).stdout).toContain(
      '4 customer(s) not synced: their batch reached the work dead-letter queue (docs/runbook.md#dead-letters-work)',
    );
    expect((await platform.json('redrive', 'work')).waiting).toBe(0);
    // Step 2: the run, the batch with all its customers failed, and why; its report went, its brand is released.
    const run = await platform.cli('run', TENANT, held.runId);
    expect(run.stdout).toMatch(
      /batch 0: 0 accepted, 4 failed \(first: delivery_exhausted: Not synced: the batch could not be sent to JOOR \(\d+ deliveries to the consumer failed; last: JOOR did not answer/,
    );
    expect(run.stdout).toContain('email: sent');
    expect(run.stdout).toContain('holds the tenant: no');
    // Step 3: joor-check with the tenant's token says JOOR does not answer.
    const dir = mkdtempSync(join(tmpdir(), 'runbook-'));
    const tenantFile = join(dir, `${TENANT}.json`);
    writeFileSync(tenantFile, JSON.stringify({ ...offline.tenant, tenantId: TENANT }));
    const check = () =>
      runCli(['joor-check', '--tenant', tenantFile], {
        ...platform.env,
        JOOR_API_TOKEN: V2_CREDENTIALS.v2Token!,
      });
    const down = await check();
    expect(down.code).toBe(1);
    expect(down.stdout).toMatch(/^v2 auth .* no answer: JOOR did not answer/m);

    // Fix, JOOR down: nothing; once joor-check passes, a replay of the newest file (or the next file) sends them.
    await joorBack();
    const up = await check();
    expect(up.code, `${up.stdout}${up.stderr}`).toBe(0);
    expect(await platform.json('replay', TENANT, held.runId)).toMatchObject({ action: 'replayed' });
    await settle(platform.deploy());
    expect(await newestRun(TENANT)).toMatchObject({
      file: 'customer_1.psv',
      state: { stage: 'finished', text: 'finished: success' },
      counts: { sent: 4, accepted: 4 },
    });
    expect(emulator.connectionsOf().size).toBe(4);
  });
});

/** Whether a finalize message is of a run of `tenant` whose file's name holds `marker`. */
const finalizesFile = (tenant: string, marker: string) => async (record: { body: string }) => {
  const { tenantId, runId } = JSON.parse(record.body) as { tenantId: string; runId: string };
  if (tenantId !== tenant) return false;
  const manifest = await platform.stack.deps.store.getText(keys.manifest(tenantId, runId));
  return manifest !== undefined && (JSON.parse(manifest) as RunManifest).file.name.includes(marker);
};

describe('A message reached the finalize dead-letter queue', { timeout: 120_000 }, () => {
  const TENANT = 'render';
  /** A file whose report the finalizer cannot render: it runs out of memory on it, and records nothing. */
  const HEAVY = 'customer_heavy';
  const dyingFinalizer = dyingWhen(finalizesFile(TENANT, HEAVY));

  beforeAll(async () => {
    await platform.stack.putTenant(platform.tenantConfig(TENANT));
  });

  it('the finalizer dies on a file while a deploy broke the handler: step 1 says the queue holds its message, the run holds the brand; the fixed handler closes it as not processed with its report, the waiting file syncs, and the replay is refused naming it', async () => {
    // A deploy left INBOX_QUEUE_URL out of the finalize dead-letter handler's environment.
    const broken = brokenByDeploy(
      () =>
        createFinalizeDeadLetterHandler(() =>
          finalizerDependencies({
            BUCKET_NAME: platform.stack.bucket,
            FINALIZE_QUEUE_URL: platform.queues.finalize.url,
            S3_FORCE_PATH_STYLE: 'true',
          }),
        ) as SqsHandler,
    );
    let runtime = platform.deploy({
      wrap: { finalizer: dyingFinalizer, 'finalize-dead-letter': broken.wrap },
    });
    await platform.upload(TENANT, `${HEAVY}.psv`, makeCustomers(201, 4));
    await pollUntil(runtime, async () => (await newestRun(TENANT))?.file === `${HEAVY}.psv`);
    // The brand's next file arrives and waits behind it.
    await platform.upload(TENANT, 'customer_3.psv', makeCustomers(201, 5));
    await pollUntil(runtime, () => broken.seen.invocations >= 2);
    const alarm = broken.seen.firstAt!.toISOString();

    // Step 1: the run is not listed, and the queue still holds its message.
    const before = await platform.json('runs', '--not-processed', '--since', alarm);
    expect(before.runs.filter((run: { tenantId: string }) => run.tenantId === TENANT)).toEqual([]);
    expect(before.deadLetters).toMatchObject({ finalize: 1 });
    expect((await platform.cli('runs', '--not-processed', '--since', alarm)).stdout).toContain(
      'The finalize dead-letter queue still holds 1 message(s) its handler has not finished with (docs/runbook.md#dead-letters-finalize)',
    );
    // The run holds its brand, its batches all recorded; the next file waits behind it.
    const listed = (await platform.json('runs', '--tenant', TENANT, '--limit', '2')).runs;
    const held = listed[1];
    expect(listed).toMatchObject([
      { file: 'customer_3.psv', state: { stage: 'waiting', text: `waiting behind ${held.runId}` } },
      {
        file: `${HEAVY}.psv`,
        state: { stage: 'finishing', text: 'finishing: the report is being written' },
      },
    ]);
    expect(await platform.json('run', TENANT, held.runId)).toMatchObject({ holdsLock: true });
    // `unlock --yes` leaves it to its finalizer.
    const unlock = await platform.cli('unlock', TENANT, '--yes');
    expect(unlock.code).toBe(1);
    expect(unlock.stdout).toContain(
      'its batches are all recorded, and its finalizer will release the tenant once its report is written',
    );

    // Fix the handler and deploy (the finalizer's cause not yet): it takes its message, closes the run, and the
    // tenant's next file starts.
    runtime = platform.deploy({ wrap: { finalizer: dyingFinalizer } });
    await settle(runtime);
    // Step 1 again: the run is listed, the queue is empty, a redrive finds nothing to move.
    const after = await platform.json('runs', '--not-processed', '--since', alarm);
    expect(after.runs.filter((run: { tenantId: string }) => run.tenantId === TENANT)).toEqual([
      expect.objectContaining({
        runId: held.runId,
        state: {
          stage: 'not_processed',
          text: expect.stringContaining(
            'could not be processed: its report could not be completed: the finalizer failed on every delivery without recording why',
          ),
        },
      }),
    ]);
    expect(after.deadLetters).toMatchObject({ finalize: 0 });
    expect((await platform.json('redrive', 'finalize')).waiting).toBe(0);
    // Step 2: closed as not processed, its report emailed, the tenant released.
    const detail = await platform.json('run', TENANT, held.runId);
    expect(detail.notProcessed).toContain('the finalizer failed on every delivery without recording why');
    expect(detail).toMatchObject({ holdsLock: false, email: { status: 'sent' } });
    expect((await platform.cli('run', TENANT, held.runId)).stdout).toContain('closed as not processed: ');
    const newest = await newestRun(TENANT);
    expect(newest).toMatchObject({ file: 'customer_3.psv', state: { stage: 'finished' } });

    // Fix: the replay of the run is refused, naming the newer file that synced since: nothing more is needed.
    const refused = await platform.cli('replay', TENANT, held.runId);
    expect(refused.code).toBe(2);
    expect(refused.stderr).toContain(`is older than run ${newest.runId} (customer_3.psv`);
  });
});

describe('A message reached the job-check dead-letter queue', { timeout: 120_000 }, () => {
  const TENANT = 'jobs';

  beforeAll(async () => {
    await platform.stack.putTenant(platform.tenantConfig(TENANT));
  });

  it("the job checks fail: the run waits on JOOR meanwhile (unlock leaves it, exit 1); step 1 finds it, `run` names the batch's job and why, and a replay of the newest file sends the customers again", async () => {
    const handler = watched();
    // The job watcher fails at every delivery of this tenant's checks (S3 refusing it, say).
    const runtime = platform.deploy({
      wrap: {
        'job-watcher': dyingWhen((record) => record.body.includes(`"tenantId":"${TENANT}"`)),
        'jobs-dead-letter': handler.wrap,
      },
    });
    await platform.upload(TENANT, 'customer_1.psv', makeCustomers(301, 4));
    await pollUntil(runtime, async () => (await newestRun(TENANT))?.state.stage === 'waiting_on_joor');
    // "A tenant stays held": a run whose batches are with JOOR is left to its finalizer.
    const waiting = await newestRun(TENANT);
    expect(waiting.state.text).toMatch(
      /^waiting on JOOR: 0 of 1 batches recorded, 1 waiting on JOOR's job \d+/,
    );
    const unlock = await platform.cli('unlock', TENANT, '--yes');
    expect(unlock.code).toBe(1);
    expect(unlock.stdout).toContain('its batches are with JOOR, and its finalizer will release the tenant');
    await settle(runtime);
    const alarm = handler.seen.firstAt!.toISOString();

    // See, step 1: across tenants.
    const { deadLettered } = await platform.json('runs', '--not-processed', '--since', alarm);
    expect(deadLettered.find((run: { tenantId: string }) => run.tenantId === TENANT)).toMatchObject({
      runId: waiting.runId,
      state: { stage: 'finished', text: 'finished: error' },
      notSynced: [{ queue: 'jobs', customers: 4 }],
    });
    expect((await platform.cli('runs', '--not-processed', '--since', alarm)).stdout).toContain(
      '4 customer(s) not synced: their job checks reached the job-check dead-letter queue (docs/runbook.md#dead-letters-jobs)',
    );
    // Step 2: the batch, its job and its result.
    expect((await platform.cli('run', TENANT, waiting.runId)).stdout).toMatch(
      /batch 0: 0 accepted, 4 failed \(first: joor_result_unknown: Sent to JOOR \(job \d+\), result unknown: its job could not be checked \(\d+ deliveries of the check failed\)/,
    );

    // Fix: the cause, deploy; a replay of the newest file sends them again (JOOR upserts by customer code).
    expect(await platform.json('replay', TENANT, waiting.runId)).toMatchObject({ action: 'replayed' });
    await settle(platform.deploy());
    expect(await newestRun(TENANT)).toMatchObject({
      state: { stage: 'finished', text: 'finished: success' },
      counts: { sent: 4, accepted: 4 },
    });
  });
});

describe('docs/runbook.md, the sections an operator acts on with commands', { timeout: 120_000 }, () => {
  it('A tenant stays held: `runs` shows the file waiting behind the run, `unlock` names it, and `unlock --yes` closes it as its dead-letter handler would; the waiting file then syncs', async () => {
    const TENANT = 'held';
    // A file the splitter runs out of memory on, while a deploy broke the inbox dead-letter handler: it holds the
    // tenant until its lease ends.
    const dying = splitterDyingOn('customer_huge');
    const broken = brokenByDeploy(
      () =>
        createInboxDeadLetterHandler(() =>
          inboxDeadLetterDependencies({ BUCKET_NAME: platform.stack.bucket, S3_FORCE_PATH_STYLE: 'true' }),
        ) as SqsHandler,
    );
    const runtime = platform.deploy({
      deps: { store: dying.store(platform.stack.deps.store) },
      wrap: { splitter: dying.wrap, 'inbox-dead-letter': broken.wrap },
    });
    await platform.upload(TENANT, 'customer_huge.psv', makeCustomers(401, 4));
    await pollUntil(runtime, async () => (await newestRun(TENANT))?.file === 'customer_huge.psv');
    await platform.upload(TENANT, 'customer_2.psv', makeCustomers(401, 5));
    await pollUntil(runtime, () => broken.seen.invocations >= 1);
    // "The inbox queue's oldest message is old", See: `runs` of the tenant shows what it is at.
    const [waiting, holder] = (await platform.json('runs', '--tenant', TENANT)).runs;
    expect(holder).toMatchObject({
      file: 'customer_huge.psv',
      state: { stage: 'received', text: 'received: the splitter has recorded nothing yet' },
    });
    expect(waiting).toMatchObject({
      file: 'customer_2.psv',
      state: { stage: 'waiting', text: `waiting behind ${holder.runId}` },
    });

    // `unlock <tenant>`: the run holding it, since when; nothing done without --yes.
    const shown = await platform.cli('unlock', TENANT);
    expect(shown.code).toBe(0);
    expect(shown.stdout).toMatch(
      new RegExp(
        `^${TENANT} is held by run ${holder.runId} \\(customer_huge.psv\\) since \\S+, its lease until `,
      ),
    );
    expect(shown.stdout).toContain('Add --yes');
    // `unlock --yes`: closed now, as its dead-letter handler would have; its finalizer reports it and starts the
    // waiting file (the broken handler still fails on its message meanwhile: the functions run until both are done).
    expect(await platform.json('unlock', TENANT, '--yes')).toMatchObject({
      action: 'closing',
      holder: { runId: holder.runId },
    });
    await pollUntil(runtime, async () => (await newestRun(TENANT)).state.stage === 'finished');
    expect(await newestRun(TENANT)).toMatchObject({
      runId: waiting.runId,
      state: { text: 'finished: success' },
      counts: { accepted: 5 },
    });
    const closed = await platform.json('run', TENANT, holder.runId);
    expect(closed).toMatchObject({
      state: { stage: 'not_processed' },
      holdsLock: false,
      email: { status: 'sent' },
    });
    expect(closed.notProcessed).toContain('an operator closed it');
    // Once its handler is fixed it takes its message: the run is closed already, and nothing is sent twice.
    await settle(platform.deploy());
    expect(await platform.json('run', TENANT, holder.runId)).toMatchObject({ email: { status: 'sent' } });
    expect(
      (await sentMail(platform.endpoint)).filter((mail) => mail.includes(`erp@${TENANT}.example`)),
    ).toHaveLength(2);
  });

  it('A run was closed as "could not be processed", the file could not be read: step 1 names the cause, `run` the deliveries; the brand sends it again and it syncs', async () => {
    const TENANT = 'gone';
    const since = new Date().toISOString();
    // The file is removed (its version deleted) before the splitter reads it.
    const { VersionId } = await platform.stack.s3.send(
      new PutObjectCommand({
        Bucket: platform.stack.bucket,
        Key: `inbox/${TENANT}/customer_1.psv`,
        Body: body(makeCustomers(501, 4)),
      }),
    );
    await platform.stack.s3.send(
      new DeleteObjectCommand({
        Bucket: platform.stack.bucket,
        Key: `inbox/${TENANT}/customer_1.psv`,
        VersionId,
      }),
    );
    await settle(platform.deploy());

    // Step 1: across tenants, its state naming the cause.
    // (The held tenant's run, closed seconds before, is listed too: within an alarm's lag.)
    const runs = (await platform.json('runs', '--not-processed', '--since', since)).runs.filter(
      (run: { tenantId: string }) => run.tenantId === TENANT,
    );
    expect(runs).toEqual([
      expect.objectContaining({
        tenantId: TENANT,
        file: 'customer_1.psv',
        state: {
          stage: 'not_processed',
          text: expect.stringMatching(/^could not be processed: the file could not be read \(/),
        },
      }),
    ]);
    // Step 2: closed as not processed, each failed delivery with its cause, the email's fate.
    const detail = await platform.json('run', TENANT, runs[0].runId);
    expect(detail.failedDeliveries).toHaveLength(SAME_FAILURES_TO_CLOSE);
    expect(detail.failedDeliveries[0]).toMatchObject({ stage: 'split', kind: 'file' });
    expect(detail).toMatchObject({ email: { status: 'sent' }, holdsLock: false });
    expect((await platform.cli('run', TENANT, runs[0].runId)).stdout).toContain(
      'closed as not processed: The file could not be processed: the file could not be read',
    );

    // Fix: ask the brand to send it again.
    await platform.upload(TENANT, 'customer_1.psv', makeCustomers(501, 4));
    await settle(platform.deploy());
    expect(await newestRun(TENANT)).toMatchObject({
      state: { text: 'finished: success' },
      counts: { accepted: 4 },
    });
  });

  it('A report email was not sent: `run` says failed with SES’s reason and where the report is; once the sender is verified, the next run emails', async () => {
    const TENANT = 'unsent';
    const sender = `sync@${TENANT}.example`;
    const config = platform.tenantConfig(TENANT);
    await platform.stack.putTenant({ ...config, report: { ...config.report, sender } });
    await platform.upload(TENANT, 'customer_1.psv', makeCustomers(601, 3));
    await settle(platform.deploy());

    // See: `run` (email: failed, with SES's reason).
    const first = await newestRun(TENANT);
    const detail = await platform.json('run', TENANT, first.runId);
    expect(detail.email.status).toBe('failed');
    expect(detail.email.reason).toMatch(/MessageRejected|not verified/);
    expect((await platform.cli('run', TENANT, first.runId)).stdout).toMatch(/^email: failed \(.+\)$/m);

    // Fix: verify the sender (in moto as SES would once its identity is verified); the next run emails.
    await new SESv2Client({
      region: 'us-east-1',
      endpoint: platform.endpoint,
      credentials: { accessKeyId: 'test', secretAccessKey: 'test' },
    }).send(new CreateEmailIdentityCommand({ EmailIdentity: sender }));
    await platform.upload(TENANT, 'customer_2.psv', makeCustomers(601, 4));
    await settle(platform.deploy());
    const second = await newestRun(TENANT);
    expect(second.file).toBe('customer_2.psv');
    expect(await platform.json('run', TENANT, second.runId)).toMatchObject({ email: { status: 'sent' } });
    // For the first run, the report is at the `report` location `run` shows.
    const [, bucket, key] = /^s3:\/\/([^/]+)\/(.+)$/.exec(detail.report.html)!;
    const report = await platform.stack.s3.send(new GetObjectCommand({ Bucket: bucket, Key: key }));
    expect(await report.Body!.transformToString()).toContain('customer_1.psv');
  });

  it('An upload workflow failed: the file is listed under rejected/<tenant>/upload-failed/, and moving it into inbox/ starts its run', async () => {
    const TENANT = 'upload';
    const { bucket, s3 } = platform.stack;
    // The workflow's exception steps left the file here: no run started.
    await s3.send(
      new PutObjectCommand({
        Bucket: bucket,
        Key: `rejected/${TENANT}/upload-failed/customer_1.psv`,
        Body: body(makeCustomers(701, 3)),
      }),
    );
    await settle(platform.deploy());
    expect((await platform.json('runs', '--tenant', TENANT)).runs).toEqual([]);

    // See: `aws s3 ls s3://<bucket>/rejected/<tenant>/upload-failed/` (the SDK's calls of the same command).
    const listed = await s3.send(
      new ListObjectsV2Command({
        Bucket: bucket,
        Prefix: `rejected/${TENANT}/upload-failed/`,
        Delimiter: '/',
      }),
    );
    expect(listed.Contents?.map((object) => object.Key)).toEqual([
      `rejected/${TENANT}/upload-failed/customer_1.psv`,
    ]);
    // Fix: `aws s3 mv s3://<bucket>/rejected/<tenant>/upload-failed/<file> s3://<bucket>/inbox/<tenant>/<file>`: a
    // copy, then a delete.
    await s3.send(
      new CopyObjectCommand({
        Bucket: bucket,
        CopySource: `${bucket}/rejected/${TENANT}/upload-failed/customer_1.psv`,
        Key: `inbox/${TENANT}/customer_1.psv`,
      }),
    );
    await s3.send(
      new DeleteObjectCommand({ Bucket: bucket, Key: `rejected/${TENANT}/upload-failed/customer_1.psv` }),
    );
    await settle(platform.deploy());
    expect(await newestRun(TENANT)).toMatchObject({
      file: 'customer_1.psv',
      state: { text: 'finished: success' },
      counts: { accepted: 3 },
    });
  });
});

describe('the runbook’s commands and the operators’ managed policy (#23)', () => {
  it('every command the runbook gave above called nothing the policy does not allow', () => {
    const allowed = new Set<string>(Object.values(OPERATOR_ACTIONS).flat());
    expect([...platform.proxy.actions].filter((action) => !allowed.has(action))).toEqual([]);
    // And each on what the policy grants it on (the prefix, the queue or its dead-letter queue) (#35).
    const granted = operatorPermissions();
    expect([...platform.permissionsUsed()].filter((permission) => !granted.has(permission))).toEqual([]);
  });
});
