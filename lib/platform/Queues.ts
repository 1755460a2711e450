import { Duration } from 'aws-cdk-lib';
import { AnyPrincipal, Effect, type IRole, PolicyStatement } from 'aws-cdk-lib/aws-iam';
import type { IKey } from 'aws-cdk-lib/aws-kms';
import { Queue, QueueEncryption } from 'aws-cdk-lib/aws-sqs';
import { Construct } from 'constructs';
import {
  PIPELINE_QUEUES,
  type PipelineQueue,
  QUEUE_LAYOUT,
  type QueueReader,
  VISIBILITY_PER_TIMEOUT,
} from './queueLayout.js';
import { OPERATOR_TAG } from './tenantConventions.js';

export interface QueuesProps {
  /** The time-out of each function that reads a queue: the queue's visibility follows it. */
  readerTimeouts: Record<QueueReader, Duration>;
  /** The platform's key (DataKey) every queue is encrypted with, and how long it reuses a data key. */
  key: IKey;
  dataKeyReuse: Duration;
  /** From `platform.json`: days the queues, and their dead-letter queues, keep a message. */
  retention: { queueDays: number; deadLetterQueueDays: number };
}

/** A pipeline queue and the dead-letter queue it moves a message to after its receives. */
export interface QueuePair {
  queue: Queue;
  deadLetters: Queue;
}

/** The queues of the pipeline, each with a dead-letter queue, as QUEUE_LAYOUT declares them. */
export class Queues extends Construct {
  readonly inbox: Queue;
  readonly inboxDlq: Queue;
  readonly work: Queue;
  readonly workDlq: Queue;
  readonly finalize: Queue;
  readonly finalizeDlq: Queue;
  readonly jobs: Queue;
  readonly jobsDlq: Queue;
  readonly pairs: Record<PipelineQueue, QueuePair>;

  constructor(scope: Construct, id: string, props: QueuesProps) {
    super(scope, id);
    // The work queue carries full customer records: kept briefly, encrypted with the platform's key (docs/deploy.md,
    // "Retention"); a dead-letter queue keeps its messages longer than its queue so that they can be redriven.
    const encrypted = {
      encryption: QueueEncryption.KMS,
      encryptionMasterKey: props.key,
      dataKeyReuse: props.dataKeyReuse,
      enforceSSL: true,
    };
    // Lambda refuses an SQS event source whose visibility time-out is below the function's time-out: each queue,
    // dead-letter queues too (their handlers drain them), follows its reader's.
    const visibility = (reader: QueueReader) =>
      Duration.seconds(props.readerTimeouts[reader].toSeconds() * VISIBILITY_PER_TIMEOUT);
    const pair = (name: PipelineQueue): QueuePair => {
      const layout = QUEUE_LAYOUT[name];
      const shape = {
        ...encrypted,
        ...(layout.fifo ? { fifo: true } : {}),
        ...(layout.maxMessageBytes ? { maxMessageSizeBytes: layout.maxMessageBytes } : {}),
      };
      const deadLetters = new Queue(this, `${layout.id}Dlq`, {
        ...shape,
        retentionPeriod: Duration.days(props.retention.deadLetterQueueDays),
        visibilityTimeout: visibility(layout.deadLetterSource.reader),
      });
      const queue = new Queue(this, layout.id, {
        ...shape,
        ...(layout.fifo ? { contentBasedDeduplication: false } : {}),
        retentionPeriod: Duration.days(props.retention.queueDays),
        visibilityTimeout: visibility(layout.source.reader),
        deadLetterQueue: { queue: deadLetters, maxReceiveCount: layout.maxReceives },
      });
      return { queue, deadLetters };
    };
    this.pairs = Object.fromEntries(PIPELINE_QUEUES.map((name) => [name, pair(name)])) as Record<
      PipelineQueue,
      QueuePair
    >;
    ({ queue: this.inbox, deadLetters: this.inboxDlq } = this.pairs.inbox);
    ({ queue: this.work, deadLetters: this.workDlq } = this.pairs.work);
    ({ queue: this.finalize, deadLetters: this.finalizeDlq } = this.pairs.finalize);
    ({ queue: this.jobs, deadLetters: this.jobsDlq } = this.pairs.jobs);
  }

  /**
   * Each queue refuses receives to every principal but the role of the function that drains it (QUEUE_LAYOUT; Lambda
   * polls a queue as its function's role), and a dead-letter queue an operator redrives also to tagged operators: an
   * `sqs:*` granted elsewhere in the account does not read the work queue's customer records.
   */
  denyReceivesExcept(
    roleOf: (reader: QueueReader) => IRole,
    redrivenByOperators: readonly PipelineQueue[],
  ): void {
    const deny = (queue: Queue, reader: QueueReader, operators: boolean) =>
      queue.addToResourcePolicy(
        new PolicyStatement({
          sid: 'OnlyItsReaderReceives',
          effect: Effect.DENY,
          principals: [new AnyPrincipal()],
          actions: ['sqs:ReceiveMessage'],
          resources: [queue.queueArn],
          conditions: {
            ArnNotEquals: { 'aws:PrincipalArn': roleOf(reader).roleArn },
            ...(operators ? { StringNotEquals: { [`aws:PrincipalTag/${OPERATOR_TAG}`]: 'true' } } : {}),
          },
        }),
      );
    for (const name of PIPELINE_QUEUES) {
      const { source, deadLetterSource } = QUEUE_LAYOUT[name];
      deny(this.pairs[name].queue, source.reader, false);
      deny(this.pairs[name].deadLetters, deadLetterSource.reader, redrivenByOperators.includes(name));
    }
  }
}
