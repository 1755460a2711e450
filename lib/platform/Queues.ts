import { Duration } from 'aws-cdk-lib';
import { Queue, QueueEncryption } from 'aws-cdk-lib/aws-sqs';
import { Construct } from 'constructs';

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
const RETENTION = Duration.days(14);

export interface QueuesProps {
  consumerTimeout: Duration;
  jobWatcherTimeout: Duration;
  splitterTimeout: Duration;
  finalizerTimeout: Duration;
  deadLetterTimeout: Duration;
}

/**
 * The queues of the pipeline, each with a dead-letter queue: the inbox (S3 events, standard: S3 cannot notify FIFO),
 * the work queue (FIFO, the tenant as message group, one batch per tenant in flight), the job-check queue (standard,
 * delayed messages) and the finalize queue.
 */
export class Queues extends Construct {
  readonly inbox: Queue;
  readonly inboxDlq: Queue;
  readonly work: Queue;
  readonly workDlq: Queue;
  readonly finalize: Queue;
  readonly finalizeDlq: Queue;
  /** JOOR job checks: standard, so that each check is a delayed message (up to 15 minutes), never a waiting function. */
  readonly jobs: Queue;
  readonly jobsDlq: Queue;

  constructor(scope: Construct, id: string, props: QueuesProps) {
    super(scope, id);
    const common = { encryption: QueueEncryption.SQS_MANAGED, enforceSSL: true, retentionPeriod: RETENTION };
    const visibility = (timeout: Duration) => Duration.seconds(timeout.toSeconds() * VISIBILITY_PER_TIMEOUT);
    // A dead-letter queue is an event source too (its handler drains it): Lambda refuses an SQS event source whose
    // visibility time-out is below the function's time-out, so each follows its handler's, like the others.
    this.inboxDlq = new Queue(this, 'InboxDlq', {
      ...common,
      visibilityTimeout: visibility(props.deadLetterTimeout),
    });
    this.inbox = new Queue(this, 'Inbox', {
      ...common,
      visibilityTimeout: visibility(props.splitterTimeout),
      deadLetterQueue: { queue: this.inboxDlq, maxReceiveCount: MAX_RECEIVES },
    });
    // The dead-letter handler consumes this one: its visibility follows that function's time-out.
    this.workDlq = new Queue(this, 'WorkDlq', {
      ...common,
      fifo: true,
      maxMessageSizeBytes: MAX_MESSAGE_BYTES,
      visibilityTimeout: visibility(props.deadLetterTimeout),
    });
    this.work = new Queue(this, 'Work', {
      ...common,
      fifo: true,
      contentBasedDeduplication: false,
      maxMessageSizeBytes: MAX_MESSAGE_BYTES,
      visibilityTimeout: visibility(props.consumerTimeout),
      deadLetterQueue: { queue: this.workDlq, maxReceiveCount: WORK_MAX_RECEIVES },
    });
    // Its handler finalizes a run (as the finalizer would), with the finalizer's time-out.
    this.finalizeDlq = new Queue(this, 'FinalizeDlq', {
      ...common,
      visibilityTimeout: visibility(props.finalizerTimeout),
    });
    this.finalize = new Queue(this, 'Finalize', {
      ...common,
      visibilityTimeout: visibility(props.finalizerTimeout),
      deadLetterQueue: { queue: this.finalizeDlq, maxReceiveCount: MAX_RECEIVES },
    });
    this.jobsDlq = new Queue(this, 'JobsDlq', {
      ...common,
      visibilityTimeout: visibility(props.deadLetterTimeout),
    });
    this.jobs = new Queue(this, 'Jobs', {
      ...common,
      visibilityTimeout: visibility(props.jobWatcherTimeout),
      deadLetterQueue: { queue: this.jobsDlq, maxReceiveCount: MAX_RECEIVES },
    });
  }
}
