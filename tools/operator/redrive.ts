import {
  DeleteMessageBatchCommand,
  GetQueueAttributesCommand,
  type Message,
  ReceiveMessageCommand,
} from '@aws-sdk/client-sqs';
import { SqsSender } from '../../lambdas/adapters/index.js';
import { QUEUE_NAMES, type QueueName } from '../../lib/platform/platformOutputs.js';
import type { Operator } from './Platform.js';

/** How long a message taken from the dead-letter queue stays hidden while it is moved. */
const MOVE_VISIBILITY_S = 60;

export interface Redriven {
  queue: QueueName;
  moved: number;
}

/** What `redrive` without --yes shows: the messages in the queue's dead-letter queue, nothing moved. */
export const deadLettersIn = async (operator: Operator, queue: QueueName): Promise<number> => {
  const { Attributes } = await operator.sqs.send(
    new GetQueueAttributesCommand({
      QueueUrl: operator.platform.queues[queue].deadLetterUrl,
      AttributeNames: ['ApproximateNumberOfMessages', 'ApproximateNumberOfMessagesNotVisible'],
    }),
  );
  return (
    Number(Attributes?.ApproximateNumberOfMessages ?? 0) +
    Number(Attributes?.ApproximateNumberOfMessagesNotVisible ?? 0)
  );
};

/**
 * What each dead-letter queue still holds, as `runs --not-processed` ends with: a message there is one its handler
 * has not finished with (for a while, or for good when the handler itself fails: a dead-letter queue has no
 * dead-letter queue of its own, so its messages stay until the handler takes them or their retention ends).
 */
export const deadLetterCounts = async (operator: Operator): Promise<Record<QueueName, number>> =>
  Object.fromEntries(
    await Promise.all(
      QUEUE_NAMES.map(async (queue) => [queue, await deadLettersIn(operator, queue)] as const),
    ),
  ) as Record<QueueName, number>;

/**
 * `customer-sync redrive <queue>`: every message of the queue's dead-letter queue sent back to it, then deleted
 * from the dead-letter queue. SQS's own message-move task is not used because neither fauxqs nor moto has it, and
 * the move must be tested; doing it by hand also keeps a FIFO message's group.
 *
 * Safe to run twice or to die half-way: a message is deleted only after it was sent, so a crash can only send one
 * twice. On the FIFO work queue the copy carries the dead-letter message's id as deduplication id, so SQS drops a
 * second copy within its five minutes; the inbox and finalize queues' handlers take a message twice without harm
 * (a run is claimed once, a finalizer claims its run).
 */
export const redriveQueue = async (operator: Operator, queue: QueueName): Promise<Redriven> => {
  const { sqs, platform } = operator;
  const { url, deadLetterUrl } = platform.queues[queue];
  const target = new SqsSender(sqs, url);
  let moved = 0;
  for (;;) {
    const { Messages } = await sqs.send(
      new ReceiveMessageCommand({
        QueueUrl: deadLetterUrl,
        MaxNumberOfMessages: 10,
        WaitTimeSeconds: 1,
        VisibilityTimeout: MOVE_VISIBILITY_S,
        MessageSystemAttributeNames: ['MessageGroupId'],
      }),
    );
    const messages: Message[] = Messages ?? [];
    if (messages.length === 0) return { queue, moved };
    await target.send(
      messages.map((message) => ({
        body: message.Body ?? '',
        ...(message.Attributes?.MessageGroupId
          ? { groupId: message.Attributes.MessageGroupId, deduplicationId: message.MessageId! }
          : {}),
      })),
    );
    await sqs.send(
      new DeleteMessageBatchCommand({
        QueueUrl: deadLetterUrl,
        Entries: messages.map((message, k) => ({ Id: String(k), ReceiptHandle: message.ReceiptHandle! })),
      }),
    );
    moved += messages.length;
  }
};
