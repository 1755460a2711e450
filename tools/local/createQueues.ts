import { CreateQueueCommand, GetQueueAttributesCommand, type SQSClient } from '@aws-sdk/client-sqs';
import {
  PIPELINE_QUEUES,
  type PipelineQueue,
  QUEUE_LAYOUT,
  type QueueLayout,
} from '../../lib/platform/queueLayout.js';

export interface QueueRef {
  url: string;
  arn: string;
}

/** Each pipeline queue and its dead-letter queue (`workDlq`…), by name. */
export type PipelineQueues = Record<PipelineQueue | `${PipelineQueue}Dlq`, QueueRef>;

export interface CreateQueuesOptions {
  /** Put before each queue's name, so that several platforms share one endpoint (moto). */
  prefix?: string;
  /**
   * Seconds before an unanswered message comes back, for every queue: short on this machine, so that a failed
   * message is retried in seconds (AWS: 6× its function's time-out, QUEUE_LAYOUT's reader).
   */
  visibilitySeconds: number;
  /** Receives before a message moves to its dead-letter queue, when fewer than the layout's are wanted. */
  maxReceives?: number;
}

/** `work.fifo` for the work queue, `work-dlq.fifo` for its dead-letter queue: SQS wants `.fifo` last. */
const queueName = (prefix: string, layout: QueueLayout, deadLetters: boolean): string =>
  `${prefix}${layout.id.toLowerCase()}${deadLetters ? '-dlq' : ''}${layout.fifo ? '.fifo' : ''}`;

/**
 * The pipeline's queues as QUEUE_LAYOUT declares them (the stack's Queues.ts), on any SQS endpoint: fauxqs for
 * `npm start`, moto for the tests over the wire.
 */
export const createQueues = async (sqs: SQSClient, options: CreateQueuesOptions): Promise<PipelineQueues> => {
  const create = async (name: string, attributes: Record<string, string>): Promise<QueueRef> => {
    const { QueueUrl } = await sqs.send(new CreateQueueCommand({ QueueName: name, Attributes: attributes }));
    const { Attributes } = await sqs.send(
      new GetQueueAttributesCommand({ QueueUrl, AttributeNames: ['QueueArn'] }),
    );
    return { url: QueueUrl!, arn: Attributes!.QueueArn! };
  };
  const queues = {} as PipelineQueues;
  for (const name of PIPELINE_QUEUES) {
    const layout = QUEUE_LAYOUT[name];
    const shape = {
      VisibilityTimeout: String(options.visibilitySeconds),
      ...(layout.fifo ? { FifoQueue: 'true' } : {}),
      ...(layout.maxMessageBytes ? { MaximumMessageSize: String(layout.maxMessageBytes) } : {}),
    };
    const deadLetters = await create(queueName(options.prefix ?? '', layout, true), shape);
    queues[`${name}Dlq`] = deadLetters;
    queues[name] = await create(queueName(options.prefix ?? '', layout, false), {
      ...shape,
      ...(layout.fifo ? { ContentBasedDeduplication: 'false' } : {}),
      RedrivePolicy: JSON.stringify({
        deadLetterTargetArn: deadLetters.arn,
        maxReceiveCount: String(options.maxReceives ?? layout.maxReceives),
      }),
    });
  }
  return queues;
};
