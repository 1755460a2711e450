import { fileURLToPath } from 'node:url';
import { CloudFormationClient, CreateStackCommand } from '@aws-sdk/client-cloudformation';
import { PutObjectCommand } from '@aws-sdk/client-s3';
import { CreateQueueCommand } from '@aws-sdk/client-sqs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ObjectStore } from '../../lambdas/core/ports/index.js';
import type { Customer } from '../../lambdas/core/types.js';
import { SAME_FAILURES_TO_CLOSE } from '../../lambdas/pipeline/failedDeliveries.js';
import { keys } from '../../lambdas/pipeline/keys.js';
import { PLATFORM_OUTPUTS } from '../../lib/platform/platformOutputs.js';
import { createPipelineRuntime } from '../../tools/local/createPipelineRuntime.js';
import type { LocalLambdaRuntime } from '../../tools/local/LocalLambdaRuntime.js';
import { type AwsStack, createAwsStack, sentMail } from '../helpers/awsStack.js';
import { makeCustomer } from '../helpers/customerFactory.js';
import { type JoorHarness, startJoor } from '../helpers/joor.js';
import { runCli } from '../helpers/runCli.js';
import { writeCustomerFile } from '../helpers/writeCustomerFile.js';
import { findMoto } from '../setup/findMoto.js';
import { startMoto } from '../setup/motoServer.js';

/*
 * Issue #24: an operator's bad day on one platform, two brands, the runbook (docs/runbook.md) followed to the
 * letter with the commands it gives, in its order, each checked against what its section promises. Brand A
 * (maison) goes on syncing throughout; brand B (atelier) gets a corrupted config, then brand A a poison file
 * followed by a good one.
 */

const ROOT = fileURLToPath(new URL('../../', import.meta.url));
const found = findMoto(ROOT);
if ('unavailable' in found) throw new Error(found.unavailable);
const { endpoint, moto } = await startMoto(found.python);
const STACK = `badday-${Date.now()}`;
const CLIENT = {
  region: 'us-east-1',
  endpoint,
  credentials: { accessKeyId: 'test', secretAccessKey: 'test' },
};
/** What makes a file poison in this test: reading it fails the same way at every delivery, as a splitter bug would. */
const POISON = 'customer_poison';

let stack: AwsStack;
let joor: JoorHarness;
let runtime: LocalLambdaRuntime;

const cli = (...args: string[]) =>
  runCli([...args, '--stack', STACK], {
    ...process.env,
    AWS_ENDPOINT_URL: endpoint,
    AWS_REGION: 'us-east-1',
    AWS_ACCESS_KEY_ID: 'test',
    AWS_SECRET_ACCESS_KEY: 'test',
    S3_FORCE_PATH_STYLE: 'true',
  });
const json = async (...args: string[]) => {
  const result = await cli(...args, '--json');
  expect(result.stderr, result.stderr).toBe('');
  return JSON.parse(result.stdout);
};
const settle = () => runtime.runUntilIdle({ timeoutMs: 60_000 });
const upload = (tenant: string, name: string, customers: Customer[]) =>
  stack.s3.send(
    new PutObjectCommand({
      Bucket: stack.bucket,
      Key: `inbox/${tenant}/${name}`,
      Body: writeCustomerFile(customers, { layout: 'address-rows', delimiter: '|', header: true }),
    }),
  );
const customers = (from: number, count: number, edit: (c: Customer) => Customer = (c) => c) =>
  Array.from({ length: count }, (_, k) => edit(makeCustomer(from + k)));

/** The stack's store, except that reading a poison file fails, as a splitter that runs out of memory on it. */
const poisonous = (store: ObjectStore): ObjectStore =>
  new Proxy(store, {
    get: (target, property, receiver) =>
      property === 'open'
        ? (key: string, versionId?: string) =>
            key.includes(POISON)
              ? () =>
                  (async function* () {
                    yield* [];
                    throw new RangeError('Invalid string length');
                  })()
              : target.open(key, versionId)
        : Reflect.get(target, property, receiver),
  });

const tenantConfig = (tenantId: string) => ({
  ...joor.tenant,
  tenantId,
  displayName: tenantId,
  joor: { ...joor.tenant.joor, secretName: `customer-sync/${tenantId}/joor` },
  report: {
    recipients: [`erp@${tenantId}.example`],
    sender: 'sync@maison.example',
    bodyRowLimit: 50,
    timeZone: 'UTC',
  },
});

beforeAll(async () => {
  joor = await startJoor();
  stack = await createAwsStack(endpoint, STACK);
  for (const tenant of ['maison', 'atelier']) await stack.putTenant(tenantConfig(tenant));
  const queue = async (name: string) =>
    (await stack.sqs.send(new CreateQueueCommand({ QueueName: `${STACK}-${name}` }))).QueueUrl!;
  const outputs = {
    [PLATFORM_OUTPUTS.bucket]: stack.bucket,
    [PLATFORM_OUTPUTS.queues.inbox.url]: stack.queues.inbox.url,
    [PLATFORM_OUTPUTS.queues.inbox.deadLetterUrl]: await queue('inbox-dlq'),
    [PLATFORM_OUTPUTS.queues.work.url]: stack.queues.work.url,
    [PLATFORM_OUTPUTS.queues.work.deadLetterUrl]: stack.queues.workDlq.url,
    [PLATFORM_OUTPUTS.queues.finalize.url]: stack.queues.finalize.url,
    [PLATFORM_OUTPUTS.queues.finalize.deadLetterUrl]: await queue('finalize-dlq'),
  };
  await new CloudFormationClient(CLIENT).send(
    new CreateStackCommand({
      StackName: STACK,
      TemplateBody: JSON.stringify({
        Resources: { Marker: { Type: 'AWS::SNS::Topic', Properties: {} } },
        Outputs: Object.fromEntries(Object.entries(outputs).map(([key, value]) => [key, { Value: value }])),
      }),
    }),
  );
  runtime = createPipelineRuntime(
    stack.sqs,
    stack.queues,
    { ...stack.deps, store: poisonous(stack.deps.store) },
    { timeoutMs: 60_000 },
  );
  // Both brands' first files: the day starts with both in JOOR.
  await upload('maison', 'customer_1.psv', customers(1, 4));
  await upload('atelier', 'customer_1.psv', customers(101, 4));
  await settle();
}, 180_000);
afterAll(async () => {
  await joor?.stop();
  moto.kill();
});

describe('an operator’s bad day, the runbook followed to the letter (issue #24)', {
  timeout: 240_000,
}, () => {
  it('act 1, a corrupted config of brand B: found across tenants, named, fixed by a redeploy and a replay of the newest file; its held report is emailed', async () => {
    const since = new Date().toISOString();
    // The tenant stack's config object, corrupted: every file of atelier fails in the splitter and the finalizer.
    await stack.s3.send(
      new PutObjectCommand({
        Bucket: stack.bucket,
        Key: keys.tenantConfig('atelier'),
        Body: JSON.stringify({ ...tenantConfig('atelier'), bulkSize: 'lots' }),
      }),
    );
    await upload(
      'atelier',
      'customer_2.psv',
      customers(101, 4, (c) => ({ ...c, customerName: 'Renamed' })),
    );
    await upload('maison', 'customer_2.psv', customers(1, 5));
    await settle();
    // Brand A is untouched.
    expect((await json('runs', '--tenant', 'maison', '--limit', '1')).runs[0]).toMatchObject({
      file: 'customer_2.psv',
      state: { stage: 'finished', text: 'finished: success' },
    });

    // Runbook, "A run was closed as could not be processed" (the alarm that fires), step 1: across tenants.
    const { runs } = await json('runs', '--not-processed', '--since', since);
    expect(runs).toHaveLength(1);
    expect(runs[0]).toMatchObject({
      tenantId: 'atelier',
      file: 'customer_2.psv',
      state: { stage: 'not_processed' },
    });
    expect(runs[0].state.text).toMatch(
      /could not be processed: the tenant config could not be read \(.*bulkSize/,
    );
    const bad = runs[0].runId;
    // Step 2: the run, its cause and the deliveries that really happened; the brand got no report yet.
    const detail = await json('run', 'atelier', bad);
    expect(detail.notProcessed).toMatch(
      /the tenant config could not be read \(.*bulkSize.*\); 2 deliveries to the splitter failed the same way; nothing of it was sent to JOOR/,
    );
    expect(detail.failedDeliveries.filter((f: { stage: string }) => f.stage === 'split')).toHaveLength(
      SAME_FAILURES_TO_CLOSE,
    );
    expect(detail.email).toMatchObject({ status: 'failed' });
    expect(detail.email.reason).toMatch(/emailed once it can be/);
    const text = await cli('run', 'atelier', bad);
    expect(text.stdout).toContain(
      'closed as not processed: The file could not be processed: the tenant config',
    );

    // Step 3, a bad config: deploy the tenant stack again (its config object written whole), then replay the newest
    // file of the tenant.
    await stack.s3.send(
      new PutObjectCommand({
        Bucket: stack.bucket,
        Key: keys.tenantConfig('atelier'),
        Body: JSON.stringify(tenantConfig('atelier')),
      }),
    );
    const newest = (await json('runs', '--tenant', 'atelier', '--limit', '1')).runs[0];
    expect(newest.runId).toBe(bad);
    expect(await json('replay', 'atelier', bad)).toMatchObject({ action: 'replayed' });
    await settle();
    const replayed = (await json('runs', '--tenant', 'atelier', '--limit', '1')).runs[0];
    expect(replayed).toMatchObject({ file: 'customer_2.psv', state: { stage: 'finished' } });
    expect(replayed.counts).toMatchObject({ accepted: 4 });
    // The report held while the config could not be read went with the replay's finalizer.
    expect((await json('run', 'atelier', bad)).email).toMatchObject({ status: 'sent' });
    expect(JSON.stringify(joor.emulator.connectionsOf().get('C0000101'))).toContain('Renamed');
  });

  it('act 2, a poison file followed by a good one: closed at its first repeated failure, the good file started then, and no replay rolls the brand back', async () => {
    const since = new Date().toISOString();
    await upload('maison', `${POISON}.psv`, customers(1, 5));
    // The poison file takes the tenant and fails once; then the brand's good file arrives and waits behind it.
    while ((await runtime.pollOnce(['splitter'])) === 0);
    await upload(
      'maison',
      'customer_3.psv',
      customers(1, 5, (c) => ({ ...c, email: `new-${c.email}` })),
    );
    await settle();

    // Runbook, step 1: across tenants.
    const { runs } = await json('runs', '--not-processed', '--since', since);
    expect(runs.map((r: { file: string }) => r.file)).toEqual([`${POISON}.psv`]);
    expect(runs[0].state.text).toContain(
      'could not be processed: the splitter failed (RangeError: Invalid string length)',
    );
    const poison = runs[0].runId;
    // Step 2: closed after SAME_FAILURES_TO_CLOSE deliveries, not the queue's five; the good file ran then.
    const detail = await json('run', 'maison', poison);
    expect(detail.failedDeliveries).toHaveLength(SAME_FAILURES_TO_CLOSE);
    expect(detail.notProcessed).toContain(
      `the splitter failed (RangeError: Invalid string length); ${SAME_FAILURES_TO_CLOSE} deliveries to the splitter failed the same way`,
    );
    expect(detail.holdsLock).toBe(false);
    const listed = (await json('runs', '--tenant', 'maison')).runs;
    // Newest first, by arrival.
    expect(listed.map((r: { file: string }) => r.file)).toEqual([
      'customer_3.psv',
      `${POISON}.psv`,
      'customer_2.psv',
      'customer_1.psv',
    ]);
    expect(listed[0]).toMatchObject({ state: { stage: 'finished' } });
    const good = listed[0].runId;
    const lastPoisonFailure = detail.failedDeliveries.at(-1).at;
    const goodReport = JSON.parse((await stack.deps.store.getText(keys.report('maison', good, 'json')))!);
    expect(Date.parse(goodReport.file.finishedAt)).toBeGreaterThan(Date.parse(lastPoisonFailure));

    // Step 3: replay the run: refused, naming the newer file that synced, and nothing is sent.
    const refused = await cli('replay', 'maison', poison);
    expect(refused.code).toBe(2);
    expect(refused.stderr).toContain(`is older than run ${good} (customer_3.psv`);
    expect(refused.stderr).toContain(`customer-sync replay maison ${good}`);
    // An older good file too: the brand is never rolled back unasked.
    const first = listed[3].runId;
    expect((await cli('replay', 'maison', first)).stderr).toContain(`is older than run ${good}`);
    await settle();
    expect((await json('runs', '--tenant', 'maison')).runs).toHaveLength(4);
    expect(JSON.stringify(joor.emulator.connectionsOf().get('C0000001'))).toContain('new-buyer1@');
  });

  it('every run of the day ended with one emailed report', async () => {
    const all = [
      ...(await json('runs', '--tenant', 'maison')).runs.map((r: { runId: string }) => ['maison', r.runId]),
      ...(await json('runs', '--tenant', 'atelier')).runs.map((r: { runId: string }) => ['atelier', r.runId]),
    ];
    expect(all).toHaveLength(7);
    for (const [tenant, runId] of all)
      expect((await json('run', tenant, runId)).email, `${tenant} ${runId}`).toMatchObject({
        status: 'sent',
      });
    expect(await sentMail(endpoint)).toHaveLength(all.length);
  });
});
