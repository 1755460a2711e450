import { Logger } from '@aws-lambda-powertools/logger';
import type { Context, SQSEvent, SQSRecord } from 'aws-lambda';
import { describe, expect, it, vi } from 'vitest';
import { createConsumerHandler } from '../../../lambdas/handlers/consumer.js';
import { createFinalizerHandler } from '../../../lambdas/handlers/finalizer.js';
import { MemoryMailer, MemoryObjectStore, MemoryQueue } from '../../helpers/memory.js';
import { putRecordedBatch } from '../../helpers/recordedBatch.js';

const record = (body: string, queue: string, messageId = 'm-1', group = 'maison'): SQSRecord => ({
  messageId,
  receiptHandle: 'r',
  body,
  attributes: {
    ApproximateReceiveCount: '1',
    SentTimestamp: '0',
    SenderId: 's',
    ApproximateFirstReceiveTimestamp: '0',
    MessageGroupId: group,
  },
  messageAttributes: {},
  md5OfBody: '',
  eventSource: 'aws:sqs',
  eventSourceARN: `arn:aws:sqs:eu-west-1:123456789012:${queue}`,
  awsRegion: 'eu-west-1',
});

const context = { getRemainingTimeInMillis: () => 60_000 } as unknown as Context;

describe('a malformed message', () => {
  it('fails in the consumer before JOOR is asked, logged with its queue, id and field', async () => {
    const joorFor = vi.fn();
    const errors = vi.spyOn(Logger.prototype, 'error').mockImplementation(() => {});
    const handler = createConsumerHandler(() => ({
      // Read only when JOOR's answer to a post is not JOOR's: none of these.
      loadTenant: vi.fn(),
      store: new MemoryObjectStore(),
      finalizeQueue: new MemoryQueue(),
      jobsQueue: new MemoryQueue(),
      deferWork: vi.fn(),
      joorFor,
    }));
    const body = JSON.stringify({
      tenantId: 'maison',
      runId: 'r1',
      batch: 0,
      customers: [{ customerCode: 'C1' }],
    });
    // Powertools fails the whole invocation when every record failed: SQS delivers the message again.
    await expect(handler({ Records: [record(body, 'work.fifo')] } as SQSEvent, context)).rejects.toThrow(
      /All records failed/,
    );
    expect(joorFor).not.toHaveBeenCalled();
    const [, details] = errors.mock.calls[0] as [string, { queue: string; messageId: string; error: Error }];
    expect(details.queue).toBe('work.fifo');
    expect(details.messageId).toBe('m-1');
    expect(details.error.message).toMatch(/^work\.fifo message m-1: customers\.0\.customerName: /);
    errors.mockRestore();
  });

  it('fails in the finalizer naming the field, and claims nothing', async () => {
    const errors = vi.spyOn(Logger.prototype, 'error').mockImplementation(() => {});
    const store = new MemoryObjectStore();
    const handler = createFinalizerHandler(() => ({
      store,
      loadTenant: vi.fn(),
      mailer: new MemoryMailer(),
      inboxQueue: new MemoryQueue(),
    }));
    const event = {
      Records: [record(JSON.stringify({ tenantId: 'Not A Tenant', runId: 'r1' }), 'finalize')],
    };
    await expect(handler(event as SQSEvent, context)).rejects.toThrow(/All records failed/);
    expect((errors.mock.calls[0]![1] as { error: Error }).error.message).toMatch(
      /^finalize message m-1: tenantId: /,
    );
    expect(await store.list('runs/')).toEqual([]);
    errors.mockRestore();
  });
});

describe('tenants on the FIFO work queue', () => {
  it('a failing batch of one tenant does not fail the next tenant’s batch in the same invocation', async () => {
    const errors = vi.spyOn(Logger.prototype, 'error').mockImplementation(() => {});
    const store = new MemoryObjectStore();
    const finalizeQueue = new MemoryQueue();
    // Bravo's batch was recorded by an earlier delivery: processing it only asks for the finalizer.
    putRecordedBatch(store, 'bravo', 'r2');
    const handler = createConsumerHandler(() => ({
      // Read only when JOOR's answer to a post is not JOOR's: none of these.
      loadTenant: vi.fn(),
      store,
      finalizeQueue,
      jobsQueue: new MemoryQueue(),
      deferWork: vi.fn(),
      joorFor: vi.fn(),
    }));
    const alpha = record('{"not":"a batch"}', 'work.fifo', 'm-alpha', 'alpha');
    const bravo = record(
      JSON.stringify({ tenantId: 'bravo', runId: 'r2', batch: 0, customers: [] }),
      'work.fifo',
      'm-bravo',
      'bravo',
    );
    const answer = await handler({ Records: [alpha, bravo] } as SQSEvent, context);
    expect(answer).toEqual({ batchItemFailures: [{ itemIdentifier: 'm-alpha' }] });
    expect(finalizeQueue.messages).toHaveLength(1);
    errors.mockRestore();
  });
});
