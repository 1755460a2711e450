import { randomUUID } from 'node:crypto';
import {
  ChangeMessageVisibilityBatchCommand,
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
  /** The function's time-out: what `getRemainingTimeInMillis` counts down from, and when the invocation is given up. */
  timeoutMs: number;
  /** Invocations at once when the runtime runs concurrently (1 otherwise). */
  concurrency?: number;
  /**
   * Whether the queue's delayed messages keep the runtime busy: a job check is delayed seconds and its run waits for
   * it; a digest of refused files is delayed until its interval ends, long after the files it follows were reported.
   */
  awaitDelayed?: boolean;
}

/** A function's invocations and the time they ran (Lambda's billed duration: from the handler's start to its end). */
export interface FunctionTime {
  invocations: number;
  ms: number;
}

/** How often the messages of a running invocation are kept invisible (Lambda's queues: 6× the function's time-out). */
const HEARTBEAT_MS = 1_000;
/** What each heartbeat sets their visibility to, in seconds. */
const HEARTBEAT_VISIBILITY_S = 3;

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
 * move to the dead-letter queue after the redrive's receives), the others deleted. While an invocation runs, its
 * messages stay invisible (as the platform's visibility of six time-outs keeps them); an invocation that outlives its
 * function's time-out is given up as Lambda gives it up: its messages come back. With `concurrent`, each function
 * runs up to its `concurrency` invocations at once, as Lambda's event sources do.
 */
export class LocalLambdaRuntime {
  private readonly inFlight = new Map<string, number>();
  private readonly running = new Set<Promise<void>>();
  /** Visibility changes asked for by the handlers (`defer`), applied when their invocation ends. */
  private readonly deferrals = new Map<string, number>();
  private readonly busy = new Map<string, FunctionTime>();

  constructor(
    private readonly sqs: SQSClient,
    private readonly sources: EventSource[],
    private readonly concurrent = false,
  ) {}

  /**
   * Hands a received message back to its queue for `seconds` once its invocation ends (SQS's ChangeMessageVisibility,
   * as the consumer does in AWS): the handlers' `deferWork` on this machine.
   */
  defer(receiptHandle: string, seconds: number): Promise<void> {
    this.deferrals.set(receiptHandle, seconds);
    return Promise.resolve();
  }

  /** One poll of every queue (or of the named event sources only); how many messages were handed to handlers. */
  async pollOnce(only?: string[]): Promise<number> {
    let handled = 0;
    for (const source of this.sources.filter((s) => !only || only.includes(s.name))) {
      const limit = this.concurrent ? (source.concurrency ?? 1) : 1;
      while ((this.inFlight.get(source.name) ?? 0) < limit) {
        const received = await this.sqs.send(
          new ReceiveMessageCommand({
            QueueUrl: source.queueUrl,
            MaxNumberOfMessages: source.batchSize,
            WaitTimeSeconds: 0,
            MessageSystemAttributeNames: ['All'],
          }),
        );
        const messages = received.Messages ?? [];
        if (messages.length === 0) break;
        handled += messages.length;
        const invocation = this.invoke(source, messages);
        if (!this.concurrent) {
          await invocation;
          break;
        }
        this.inFlight.set(source.name, (this.inFlight.get(source.name) ?? 0) + 1);
        const tracked = invocation.finally(() => {
          this.inFlight.set(source.name, (this.inFlight.get(source.name) ?? 1) - 1);
          this.running.delete(tracked);
        });
        this.running.add(tracked);
      }
    }
    return handled;
  }

  private async invoke(source: EventSource, messages: Message[]): Promise<void> {
    const event: SQSEvent = { Records: messages.map((m) => toRecord(m, source)) };
    let failed = new Set<string>();
    let beat: Promise<void> = Promise.resolve();
    const heartbeat = setInterval(() => {
      beat = this.setVisibility(source, messages, HEARTBEAT_VISIBILITY_S).catch(() => undefined);
    }, HEARTBEAT_MS);
    let timer: NodeJS.Timeout | undefined;
    const started = performance.now();
    try {
      const timedOut = new Promise<'timeout'>((resolve) => {
        timer = setTimeout(() => resolve('timeout'), source.timeoutMs);
      });
      const response = await Promise.race([
        source.handler(event, lambdaContext(source.name, source.timeoutMs)),
        timedOut,
      ]);
      failed =
        response === 'timeout'
          ? new Set(messages.map((m) => m.MessageId!))
          : new Set((response?.batchItemFailures ?? []).map((f) => f.itemIdentifier));
    } catch {
      failed = new Set(messages.map((m) => m.MessageId!));
    } finally {
      clearInterval(heartbeat);
      clearTimeout(timer);
      const time = this.busy.get(source.name) ?? { invocations: 0, ms: 0 };
      this.busy.set(source.name, {
        invocations: time.invocations + 1,
        ms: time.ms + performance.now() - started,
      });
    }
    // A heartbeat still on its way would land after the visibility set below and undo it (a hand-back cut short).
    await beat;
    // Failed messages come back after the queue's visibility (or what their handler asked for); the rest go.
    await this.setVisibility(
      source,
      messages.filter((m) => failed.has(m.MessageId!) && !this.deferrals.has(m.ReceiptHandle!)),
      0,
      true,
    );
    for (const m of messages.filter((m) => this.deferrals.has(m.ReceiptHandle!))) {
      await this.setVisibility(source, [m], this.deferrals.get(m.ReceiptHandle!)!);
      this.deferrals.delete(m.ReceiptHandle!);
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

  /**
   * Sets the visibility of messages in flight. With `queueDefault`, a failed message gets the queue's own visibility
   * time-out back from now (the heartbeat had changed it), which SQS counts from the receive.
   */
  private async setVisibility(
    source: EventSource,
    messages: Message[],
    seconds: number,
    queueDefault = false,
  ): Promise<void> {
    if (messages.length === 0) return;
    const visibility = queueDefault ? await this.queueVisibility(source) : seconds;
    await this.sqs.send(
      new ChangeMessageVisibilityBatchCommand({
        QueueUrl: source.queueUrl,
        Entries: messages.map((m, k) => ({
          Id: String(k),
          ReceiptHandle: m.ReceiptHandle!,
          VisibilityTimeout: visibility,
        })),
      }),
    );
  }

  private readonly visibilities = new Map<string, number>();

  private async queueVisibility(source: EventSource): Promise<number> {
    const known = this.visibilities.get(source.queueUrl);
    if (known !== undefined) return known;
    const { Attributes } = await this.sqs.send(
      new GetQueueAttributesCommand({ QueueUrl: source.queueUrl, AttributeNames: ['VisibilityTimeout'] }),
    );
    const seconds = Number(Attributes?.VisibilityTimeout ?? 30);
    this.visibilities.set(source.queueUrl, seconds);
    return seconds;
  }

  /** Each function's invocations so far and the time they ran, waits inside them included. */
  functionTime(): Record<string, FunctionTime> {
    return Object.fromEntries([...this.busy].map(([name, time]) => [name, { ...time }]));
  }

  /** Waits for the invocations still running (a concurrent runtime's). */
  async settle(): Promise<void> {
    await Promise.allSettled([...this.running]);
  }

  /** Messages waiting, delayed (job checks) or in flight across the queues. */
  async pending(): Promise<number> {
    let total = 0;
    for (const source of this.sources) {
      const { Attributes } = await this.sqs.send(
        new GetQueueAttributesCommand({
          QueueUrl: source.queueUrl,
          AttributeNames: [
            'ApproximateNumberOfMessages',
            'ApproximateNumberOfMessagesNotVisible',
            'ApproximateNumberOfMessagesDelayed',
          ],
        }),
      );
      total +=
        Number(Attributes?.ApproximateNumberOfMessages ?? 0) +
        Number(Attributes?.ApproximateNumberOfMessagesNotVisible ?? 0) +
        (source.awaitDelayed ? Number(Attributes?.ApproximateNumberOfMessagesDelayed ?? 0) : 0);
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
