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
/*
 * Concurrency, sized for 2,000 tenants each pushing a file at the top of the hour (SPEC §2.11: every report within
 * 6 minutes of its upload, JOOR's credit time aside). What must limit a tenant is its own JOOR account (300 credits
 * per 300 s, 5 a bulk POST: 60 batches of up to 500 customers per 5 minutes), never a slot of ours that another
 * tenant holds. The four sources below may run 100 + 100 + 100 + 25 invocations at once, plus 2 per dead-letter
 * queue: 333 of the account's 1,000 concurrent Lambda executions (AWS's default quota; docs/deploy.md tells the
 * operator to check it, since a new account may start lower). SQS event sources scale up by at most 300 invocations a
 * minute (Lambda Developer Guide, "Configuring scaling behavior for SQS event source mappings"), so each of these is
 * reached within the first minute of the hour.
 */

/**
 * Splitter invocations at once across all tenants. 2,000 files land within a minute of the hour; a delta's split is
 * a few seconds of S3 calls, so 100 at once take the hour's files in about 2,000 × 3 s / 100 = 60 s. A 100k first
 * sync splits for a minute or two in one slot: one big tenant (or a few onboarding at once) holds 1 slot of 100, and
 * the hourly deltas go on in the other 99. (Was 2: at about 11 s a run, the hour's backlog never drained past about
 * 650 tenants.)
 */
export const SPLITTER_MAX_CONCURRENCY = 100;
/**
 * Consumer invocations at once across all tenants. The FIFO group keeps one batch per tenant in flight (SQS delivers
 * a group's next message only when the last is done), so a tenant never holds more than one slot, however many
 * batches its first sync has: this bounds how many tenants post at once, never how fast one tenant goes, which its
 * JOOR credits decide (a batch over its credits is handed back, holding no slot while it waits). At the hour, 2,000
 * tenants' single delta batches at about 1 s each (one bulk POST, a few S3 writes) take 2,000 / 100 × 1 s = 20 s.
 */
export const CONSUMER_MAX_CONCURRENCY = 100;
/**
 * Job-check invocations at once across all tenants: each check is one read of JOOR per job (1 credit of the tenant's),
 * and waits in no function (the next look is a delayed message). Up to ten checks an invocation: 2,000 runs' first
 * checks a minute after the hour are 200 invocations of about 1 s, 8 s at 25 at once.
 */
export const JOB_WATCHER_MAX_CONCURRENCY = 25;
/**
 * Finalizer invocations at once across all tenants: a run's close (report, state, archive, email) is a few seconds of
 * S3 and one SES send, so 100 at once close the hour's 2,000 runs in about a minute; a 100k first sync's close holds
 * one slot. SES's sending rate, not this, bounds the emails: the SES client paces itself and holds a throttled report
 * for later (lambdas/adapters/sesRetryStrategy.ts, heldReports.ts).
 */
export const FINALIZER_MAX_CONCURRENCY = 100;
/** The least SQS event sources allow: dead letters are rare, and their handlers close runs one at a time. */
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

/**
 * One message per invocation: a file, a run's close, a dead letter at a time, so one tenant's slow file never holds
 * another tenant's message in its invocation. At the least concurrency unless given.
 */
const oneAtATime = (reader: QueueReader, maxConcurrency = MIN_MAX_CONCURRENCY): EventSourceLayout => ({
  reader,
  batchSize: 1,
  maxConcurrency,
});

export const QUEUE_LAYOUT: Record<PipelineQueue, QueueLayout> = {
  // S3 events (standard: S3 cannot notify a FIFO queue).
  inbox: {
    id: 'Inbox',
    fifo: false,
    maxReceives: MAX_RECEIVES,
    source: oneAtATime('splitter', SPLITTER_MAX_CONCURRENCY),
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
    source: oneAtATime('finalizer', FINALIZER_MAX_CONCURRENCY),
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
