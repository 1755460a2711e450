import { Logger } from '@aws-lambda-powertools/logger';
import type { Context, SQSEvent, SQSRecord } from 'aws-lambda';
import { describe, expect, it, vi } from 'vitest';
import type { JoorClient } from '../../../lambdas/core/ports/index.js';
import { createConsumerHandler } from '../../../lambdas/handlers/consumer.js';
import { makeCustomer } from '../../helpers/customerFactory.js';
import { MemoryObjectStore, MemoryQueue } from '../../helpers/memory.js';

const record = (tenantId: string, batch: number): SQSRecord => ({
  messageId: `${tenantId}-${batch}`,
  receiptHandle: `receipt-${tenantId}-${batch}`,
  body: JSON.stringify({ tenantId, runId: 'r1', batch, batches: 3, customers: [makeCustomer(batch + 1)] }),
  attributes: {
    ApproximateReceiveCount: '1',
    SentTimestamp: '0',
    SenderId: 's',
    ApproximateFirstReceiveTimestamp: '0',
    MessageGroupId: tenantId,
  },
  messageAttributes: {},
  md5OfBody: '',
  eventSource: 'aws:sqs',
  eventSourceARN: 'arn:aws:sqs:eu-west-1:123456789012:work.fifo',
  awsRegion: 'eu-west-1',
});

const context = { getRemainingTimeInMillis: () => 60_000 } as unknown as Context;

/** A JOOR whose account has no credits left for 3.4 s: every post is to wait. */
const outOfCredits = (): JoorClient =>
  ({
    postCustomers: vi.fn(async () => ({
      kind: 'wait',
      ms: 3_400,
      reason: "Waiting 3400 ms for JOOR's credits",
    })),
    usage: () => ({ requests: 0, credits: 0, throttled: 0, waitedMs: 0, requestMs: 0 }),
  }) as unknown as JoorClient;

describe('a tenant out of JOOR credits', () => {
  // Issue #20: a first sync's invocation is often ten batches of the one tenant. When every record was handed back,
  // Powertools failed the whole invocation before the consumer could change their visibility: the batches came
  // back after the queue's visibility time-out (30 minutes in AWS), each time one receive nearer the dead-letter
  // queue, and the function's errors alarm went off on every window.
  it('hands all its batches back for the wait, though they are the whole invocation, and does not fail', async () => {
    const deferWork = vi.fn(async () => undefined);
    const handler = createConsumerHandler(() => ({
      // Read only when JOOR's answer to a post is not JOOR's: none of these.
      loadTenant: vi.fn(),
      store: new MemoryObjectStore(),
      finalizeQueue: new MemoryQueue(),
      jobsQueue: new MemoryQueue(),
      deferWork,
      joorFor: async () => outOfCredits(),
    }));
    const answer = await handler(
      { Records: [record('maison', 0), record('maison', 1)] } as SQSEvent,
      context,
    );
    expect(answer.batchItemFailures.map((f) => f.itemIdentifier)).toEqual(['maison-0', 'maison-1']);
    expect(deferWork.mock.calls).toEqual([
      ['receipt-maison-0', 4],
      ['receipt-maison-1', 4],
    ]);
  });

  it('still fails the invocation when every record failed and one of them for a reason of its own', async () => {
    const errors = vi.spyOn(Logger.prototype, 'error').mockImplementation(() => {});
    const deferWork = vi.fn(async () => undefined);
    const handler = createConsumerHandler(() => ({
      // Read only when JOOR's answer to a post is not JOOR's: none of these.
      loadTenant: vi.fn(),
      store: new MemoryObjectStore(),
      finalizeQueue: new MemoryQueue(),
      jobsQueue: new MemoryQueue(),
      deferWork,
      joorFor: async () => outOfCredits(),
    }));
    const malformed = { ...record('bravo', 0), body: '{"not":"a batch"}' };
    await expect(handler({ Records: [record('maison', 0), malformed] } as SQSEvent, context)).rejects.toThrow(
      /All records failed/,
    );
    // The tenant waiting for credits is handed back all the same.
    expect(deferWork.mock.calls).toEqual([['receipt-maison-0', 4]]);
    expect(errors).toHaveBeenCalledTimes(1);
    errors.mockRestore();
  });
});
