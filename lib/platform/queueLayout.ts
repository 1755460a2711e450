/**
 * The pipeline's queues, declared once: each queue, its dead-letter queue, and the function that reads each with the
 * batch size and concurrency of its event source. The platform stack builds its queues and event sources from this
 * table (Queues.ts, Functions.ts), and so do the local platform and the tests over moto (tools/local/createQueues.ts,
 * createPipelineRuntime.ts). Plain data, no CDK: `npm start` loads it without loading the CDK.
 */

/** Receives before a message goes to its dead-letter queue: more than one, so a passing fault is retried (SPEC §2.6). */
export const MAX_RECEIVES = 5;
/** SQS takes 1 MiB messages since 2026-01-29; set explicitly, batches stay under 900 KB. */
export const MAX_MESSAGE_BYTES = 1_048_576;
/**
 * Receives of a work message before its dead-letter queue: the consumer hands a batch back to wait for its tenant's
 * JOOR credits (its visibility changed), which SQS counts as a receive; a few such waits come on top of MAX_RECEIVES
 * (the dead-letter handler reports how many deliveries failed and how many waited, from the batch's record).
 */
export const MAX_CREDIT_WAITS = 5;
export const WORK_MAX_RECEIVES = MAX_RECEIVES + MAX_CREDIT_WAITS;
/** AWS's advice for SQS event sources: visibility at least six times the function's time-out. */
export const VISIBILITY_PER_TIMEOUT = 6;
/**
 * Consumer invocations at once across all tenants. JOOR's limit is per account and the FIFO group keeps one batch per
 * tenant in flight, so this bounds parallel tenants, not any one tenant's speed.
 */
export const CONSUMER_MAX_CONCURRENCY = 10;
/** Job-check invocations at once across all tenants: each is one read of JOOR, and waits in no function. */
export const JOB_WATCHER_MAX_CONCURRENCY = 5;
/** The least SQS event sources allow. */
export const MIN_MAX_CONCURRENCY = 2;

/** The functions that read a queue, by the file of their handler under `lambdas/handlers/`. */
export type QueueReader =
  | 'splitter'
  | 'consumer'
  | 'jobWatcher'
  | 'finalizer'
  | 'deadLetter'
  | 'inboxDeadLetter'
  | 'finalizeDeadLetter'
  | 'jobsDeadLetter';

/** A queue's event source: the function that drains it, how many messages per invocation, how many at once. */
export interface EventSourceLayout {
  reader: QueueReader;
  batchSize: number;
  maxConcurrency: number;
}

export interface QueueLayout {
  /** The construct id in the stack (its dead-letter queue's is `<id>Dlq`); the local queue's name is its lower case. */
  id: 'Inbox' | 'Work' | 'Finalize' | 'Jobs';
  fifo: boolean;
  maxMessageBytes?: number;
  maxReceives: number;
  source: EventSourceLayout;
  /** A dead-letter queue is an event source too: its handler closes what its function could not. */
  deadLetterSource: EventSourceLayout;
}

export type PipelineQueue = 'inbox' | 'work' | 'finalize' | 'jobs';

/** One message per invocation, the least concurrency: a file, a run's close, a dead letter at a time. */
const oneAtATime = (reader: QueueReader): EventSourceLayout => ({
  reader,
  batchSize: 1,
  maxConcurrency: MIN_MAX_CONCURRENCY,
});

export const QUEUE_LAYOUT: Record<PipelineQueue, QueueLayout> = {
  // S3 events (standard: S3 cannot notify a FIFO queue).
  inbox: {
    id: 'Inbox',
    fifo: false,
    maxReceives: MAX_RECEIVES,
    source: oneAtATime('splitter'),
    deadLetterSource: oneAtATime('inboxDeadLetter'),
  },
  // Customer batches: FIFO, the tenant as message group, one batch per tenant in flight. Up to ten batches of one
  // tenant per invocation: the JOOR client sends them back to back.
  work: {
    id: 'Work',
    fifo: true,
    maxMessageBytes: MAX_MESSAGE_BYTES,
    maxReceives: WORK_MAX_RECEIVES,
    source: { reader: 'consumer', batchSize: 10, maxConcurrency: CONSUMER_MAX_CONCURRENCY },
    deadLetterSource: { reader: 'deadLetter', batchSize: 10, maxConcurrency: MIN_MAX_CONCURRENCY },
  },
  finalize: {
    id: 'Finalize',
    fifo: false,
    maxReceives: MAX_RECEIVES,
    source: oneAtATime('finalizer'),
    deadLetterSource: oneAtATime('finalizeDeadLetter'),
  },
  // JOOR job checks: standard, so that each check is a delayed message (up to 15 minutes), never a waiting function.
  // Up to ten checks per invocation: each is one read of JOOR (two tenants' checks never wait on each other).
  jobs: {
    id: 'Jobs',
    fifo: false,
    maxReceives: MAX_RECEIVES,
    source: { reader: 'jobWatcher', batchSize: 10, maxConcurrency: JOB_WATCHER_MAX_CONCURRENCY },
    deadLetterSource: oneAtATime('jobsDeadLetter'),
  },
};

export const PIPELINE_QUEUES = Object.keys(QUEUE_LAYOUT) as PipelineQueue[];

/** The queue a function reads (`deadLetters`: that queue's dead-letter queue) and its event source. */
export const queueReadBy = (
  reader: QueueReader,
): { queue: PipelineQueue; deadLetters: boolean; source: EventSourceLayout } => {
  for (const queue of PIPELINE_QUEUES) {
    const { source, deadLetterSource } = QUEUE_LAYOUT[queue];
    if (source.reader === reader) return { queue, deadLetters: false, source };
    if (deadLetterSource.reader === reader) return { queue, deadLetters: true, source: deadLetterSource };
  }
  throw new Error(`No queue in QUEUE_LAYOUT is read by ${reader}`);
};
