import { ChangeMessageVisibilityCommand, type SQSClient } from '@aws-sdk/client-sqs';

/** The longest visibility time-out SQS takes (ChangeMessageVisibility: 0 to 43,200 seconds). */
export const MAX_VISIBILITY_SECONDS = 43_200;

/**
 * Hands a received message back to its queue for `seconds`: it comes back then, not after the queue's visibility
 * time-out. On a FIFO queue the message's group waits with it, as a tenant waits for its JOOR credits.
 *
 * @example
 * await visibilityOf(sqs, workQueueUrl)(record.receiptHandle, 120);
 */
export const visibilityOf =
  (sqs: SQSClient, queueUrl: string) =>
  async (receiptHandle: string, seconds: number): Promise<void> => {
    await sqs.send(
      new ChangeMessageVisibilityCommand({
        QueueUrl: queueUrl,
        ReceiptHandle: receiptHandle,
        VisibilityTimeout: Math.max(0, Math.min(MAX_VISIBILITY_SECONDS, Math.ceil(seconds))),
      }),
    );
  };
