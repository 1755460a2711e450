import { randomUUID } from 'node:crypto';
import {
  DeleteMessageBatchCommand,
  GetQueueAttributesCommand,
  type Message,
  ReceiveMessageCommand,
  type SQSClient,
} from '@aws-sdk/client-sqs';
import type { Context, SQSBatchResponse, SQSEvent, SQSRecord } from 'aws-lambda';

export type SqsHandler = (event: SQSEvent, context: Context) => Promise<SQSBatchResponse | undefined>;

/** A queue wired to a function, as an SQS event source mapping does it. */
export interface EventSource {
  name: string;
  queueUrl: string;
  queueArn: string;
  handler: SqsHandler;
  batchSize: number;
  /** The function's time-out: what `getRemainingTimeInMillis` counts down from. */
  timeoutMs: number;
}

const DEFAULT_QUIET_MS = 1_500;
const DEFAULT_PAUSE_MS = 100;

const lambdaContext = (name: string, timeoutMs: number): Context => {
  const deadline = Date.now() + timeoutMs;
  return {
    callbackWaitsForEmptyEventLoop: false,
    functionName: name,
    functionVersion: '$LATEST',
    invokedFunctionArn: `arn:aws:lambda:us-east-1:000000000000:function:${name}`,
    memoryLimitInMB: '1024',
    awsRequestId: randomUUID(),
    logGroupName: `/aws/lambda/${name}`,
    logStreamName: 'local',
    getRemainingTimeInMillis: () => Math.max(0, deadline - Date.now()),
    done: () => undefined,
    fail: () => undefined,
    succeed: () => undefined,
  };
};

const toRecord = (message: Message, source: EventSource): SQSRecord => ({
  messageId: message.MessageId!,
  receiptHandle: message.ReceiptHandle!,
  body: message.Body ?? '',
  attributes: {
    ApproximateReceiveCount: message.Attributes?.ApproximateReceiveCount ?? '1',
    SentTimestamp: message.Attributes?.SentTimestamp ?? String(Date.now()),
    SenderId: 'local',
    ApproximateFirstReceiveTimestamp:
      message.Attributes?.ApproximateFirstReceiveTimestamp ?? String(Date.now()),
    ...(message.Attributes?.MessageGroupId ? { MessageGroupId: message.Attributes.MessageGroupId } : {}),
    ...(message.Attributes?.MessageDeduplicationId
      ? { MessageDeduplicationId: message.Attributes.MessageDeduplicationId }
      : {}),
    ...(message.Attributes?.SequenceNumber ? { SequenceNumber: message.Attributes.SequenceNumber } : {}),
  } as SQSRecord['attributes'],
  messageAttributes: {},
  md5OfBody: message.MD5OfBody ?? '',
  eventSource: 'aws:sqs',
  eventSourceARN: source.queueArn,
  awsRegion: 'us-east-1',
});

/**
 * Polls queues into handlers the way Lambda's SQS event sources do: a batch of messages per invocation, the
 * messages a handler reports as failed left for the queue to deliver again after their visibility time-out (and to
 * move to the dead-letter queue after the redrive's receives), the others deleted.
 */
export class LocalLambdaRuntime {
  constructor(
    private readonly sqs: SQSClient,
    private readonly sources: EventSource[],
  ) {}

  /** One poll of every queue (or of the named event sources only); how many messages were handled. */
  async pollOnce(only?: string[]): Promise<number> {
    let handled = 0;
    for (const source of this.sources.filter((s) => !only || only.includes(s.name))) {
      const received = await this.sqs.send(
        new ReceiveMessageCommand({
          QueueUrl: source.queueUrl,
          MaxNumberOfMessages: source.batchSize,
          WaitTimeSeconds: 0,
          MessageSystemAttributeNames: ['All'],
        }),
      );
      const messages = received.Messages ?? [];
      if (messages.length === 0) continue;
      handled += messages.length;
      const event: SQSEvent = { Records: messages.map((m) => toRecord(m, source)) };
      let failed = new Set<string>();
      try {
        const response = await source.handler(event, lambdaContext(source.name, source.timeoutMs));
        failed = new Set((response?.batchItemFailures ?? []).map((f) => f.itemIdentifier));
      } catch {
        failed = new Set(messages.map((m) => m.MessageId!));
      }
      const done = messages.filter((m) => !failed.has(m.MessageId!));
      if (done.length > 0) {
        await this.sqs.send(
          new DeleteMessageBatchCommand({
            QueueUrl: source.queueUrl,
            Entries: done.map((m, k) => ({ Id: String(k), ReceiptHandle: m.ReceiptHandle! })),
          }),
        );
      }
    }
    return handled;
  }

  /** Messages waiting or in flight across the queues. */
  async pending(): Promise<number> {
    let total = 0;
    for (const source of this.sources) {
      const { Attributes } = await this.sqs.send(
        new GetQueueAttributesCommand({
          QueueUrl: source.queueUrl,
          AttributeNames: ['ApproximateNumberOfMessages', 'ApproximateNumberOfMessagesNotVisible'],
        }),
      );
      total +=
        Number(Attributes?.ApproximateNumberOfMessages ?? 0) +
        Number(Attributes?.ApproximateNumberOfMessagesNotVisible ?? 0);
    }
    return total;
  }

  /**
   * Polls until every queue has been empty, with nothing in flight, for `quietMs` (longer than the queues'
   * visibility time-outs and redrive moves, which the emulators apply lazily), or the time runs out.
   */
  async runUntilIdle(options: {
    timeoutMs: number;
    quietMs?: number;
    pauseMs?: number;
    onRound?: () => Promise<void> | void;
  }): Promise<void> {
    const until = Date.now() + options.timeoutMs;
    let quietSince: number | undefined;
    while (Date.now() < until) {
      const handled = await this.pollOnce();
      await options.onRound?.();
      if (handled > 0 || (await this.pending()) > 0) quietSince = undefined;
      else {
        quietSince ??= Date.now();
        if (Date.now() - quietSince >= (options.quietMs ?? DEFAULT_QUIET_MS)) return;
      }
      if (handled === 0)
        await new Promise((resolve) => setTimeout(resolve, options.pauseMs ?? DEFAULT_PAUSE_MS));
    }
    throw new Error(`The queues were not idle after ${options.timeoutMs} ms`);
  }
}
