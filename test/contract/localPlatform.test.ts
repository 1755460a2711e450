import { setTimeout as sleep } from 'node:timers/promises';
import { PutObjectCommand } from '@aws-sdk/client-s3';
import { CreateQueueCommand, GetQueueAttributesCommand, SendMessageCommand } from '@aws-sdk/client-sqs';
import { afterEach, describe, expect, it } from 'vitest';
import { parseTenantConfig } from '../../lambdas/core/config/index.js';
import { keys } from '../../lambdas/pipeline/index.js';
import { LocalLambdaRuntime } from '../../tools/local/LocalLambdaRuntime.js';
import { type LocalPlatform, startLocalPlatform } from '../../tools/local/startLocalPlatform.js';
import { makeCustomer } from '../helpers/customerFactory.js';

let platform: LocalPlatform | undefined;
afterEach(async () => {
  await platform?.stop();
  platform = undefined;
});

describe('the local platform', () => {
  // Each brand has its own JOOR account and credit budget (issue #20): one token for every account put them all on
  // the first account's budget.
  it('sends each tenant’s calls to its own emulated JOOR account, and counts the time spent on them', async () => {
    const tenants = [
      parseTenantConfig({ tenantId: 'north', joor: { accountId: '2001' } }),
      parseTenantConfig({ tenantId: 'south', joor: { accountId: '2002' } }),
    ];
    platform = await startLocalPlatform(tenants, { joorEmulator: { latencyMs: { min: 5, max: 5 } } });
    for (const tenant of tenants)
      await platform.s3.send(
        new PutObjectCommand({
          Bucket: platform.bucket,
          Key: keys.tenantConfig(tenant.tenantId),
          Body: JSON.stringify(tenant),
        }),
      );
    const north = await platform.deps.joorFor('north');
    const south = await platform.deps.joorFor('south');
    expect(await north.postCustomers([makeCustomer(1)], { remainingMs: 60_000 })).toMatchObject({
      kind: 'posted',
    });
    expect(await south.postCustomers([makeCustomer(2)], { remainingMs: 60_000 })).toMatchObject({
      kind: 'posted',
    });
    await south.jobStatus(2, { remainingMs: 60_000 });

    const activity = (accountId: string) => {
      const { windows, jobs, jobReads } = platform!.joor.accountActivity(accountId);
      return { credits: windows.map((w) => w.spent), jobs: jobs.map((j) => j.id), jobReads };
    };
    expect(activity('2001')).toEqual({ credits: [5], jobs: [1], jobReads: 0 });
    expect(activity('2002')).toEqual({ credits: [6], jobs: [2], jobReads: 1 });
    const usage = platform.joorUsage();
    expect(usage).toMatchObject({ requests: 3, credits: 11, throttled: 0, waitedMs: 0 });
    expect(usage.requestMs).toBeGreaterThanOrEqual(3 * 5);
  });

  // A start that fails half-way (here a bad time-out, read once the servers are up) stops what it had started: the
  // servers of a failed start used to stay open and keep the process alive.
  it('stops the servers it started when a later step of the start fails', async () => {
    const listening = () =>
      process.getActiveResourcesInfo().filter((kind) => kind === 'TCPServerWrap').length;
    // The servers of an earlier test in this file are gone first (a server's handle goes once its close has run).
    await expect.poll(listening, { timeout: 5_000 }).toBe(0);
    const saved = process.env.CUSTOMER_SYNC_LOCAL_TIMEOUT_MS;
    process.env.CUSTOMER_SYNC_LOCAL_TIMEOUT_MS = 'soon';
    try {
      await expect(startLocalPlatform([])).rejects.toThrow(/CUSTOMER_SYNC_LOCAL_TIMEOUT_MS .*"soon"/);
    } finally {
      if (saved === undefined) delete process.env.CUSTOMER_SYNC_LOCAL_TIMEOUT_MS;
      else process.env.CUSTOMER_SYNC_LOCAL_TIMEOUT_MS = saved;
    }
    await expect.poll(listening, { timeout: 5_000 }).toBe(0);
  });

  it('counts each function’s invocations and the time they ran', async () => {
    platform = await startLocalPlatform([]);
    const { sqs } = platform;
    const { QueueUrl } = await sqs.send(new CreateQueueCommand({ QueueName: 'slow' }));
    const { Attributes } = await sqs.send(
      new GetQueueAttributesCommand({ QueueUrl, AttributeNames: ['QueueArn'] }),
    );
    const runtime = new LocalLambdaRuntime(sqs, [
      {
        name: 'slow',
        queueUrl: QueueUrl!,
        queueArn: Attributes!.QueueArn!,
        handler: async () => {
          await sleep(50);
          return { batchItemFailures: [] };
        },
        batchSize: 10,
        timeoutMs: 5_000,
      },
    ]);
    expect(runtime.functionTime()).toEqual({});
    await sqs.send(new SendMessageCommand({ QueueUrl, MessageBody: '{}' }));
    await runtime.pollOnce();
    const { slow } = runtime.functionTime();
    expect(slow!.invocations).toBe(1);
    expect(slow!.ms).toBeGreaterThanOrEqual(49);
    expect(slow!.ms).toBeLessThan(5_000);
  });
});
