import { setTimeout as sleep } from 'node:timers/promises';
import {
  SendMessageBatchCommand,
  type SendMessageBatchRequestEntry,
  type SQSClient,
} from '@aws-sdk/client-sqs';
import type { MessageSender, QueueMessage } from '../core/ports/index.js';
import { backoffDelay } from './backoff.js';

/** SendMessageBatch takes at most 10 entries and 1 MiB in all. */
const MAX_ENTRIES = 10;
const MAX_BATCH_BYTES = 1_048_576;
const MAX_ATTEMPTS = 5;
const BASE_DELAY_MS = 100;
const MAX_DELAY_MS = 2_000;
/** The longest delay SQS takes for a message (SendMessageBatchRequestEntry.DelaySeconds: 0 to 900). */
export const MAX_DELAY_SECONDS = 900;

/** Cuts messages into SendMessageBatch calls: at most 10 entries and 1 MiB each. */
export const chunkForBatchSend = (messages: QueueMessage[]): QueueMessage[][] => {
  const chunks: QueueMessage[][] = [];
  let chunk: QueueMessage[] = [];
  let bytes = 0;
  for (const message of messages) {
    const size = Buffer.byteLength(message.body);
    if (chunk.length === MAX_ENTRIES || (chunk.length > 0 && bytes + size > MAX_BATCH_BYTES)) {
      chunks.push(chunk);
      chunk = [];
      bytes = 0;
    }
    chunk.push(message);
    bytes += size;
  }
  if (chunk.length > 0) chunks.push(chunk);
  return chunks;
};

/** A FIFO queue's name ends in `.fifo` (SQS Developer Guide, "Amazon SQS FIFO queue quotas"/queue naming). */
export const isFifoQueue = (queueUrl: string): boolean => queueUrl.endsWith('.fifo');

/**
 * The batch entry for a message, with the FIFO-only parameters only where the queue is FIFO. SQS's API reference
 * (SendMessageBatchRequestEntry): `MessageDeduplicationId` "applies only to FIFO queues", and a standard queue
 * answers InvalidParameterValue to it; a FIFO queue requires `MessageGroupId`. The emulators accept either way.
 */
export const entryFor = (message: QueueMessage, id: string, fifo: boolean): SendMessageBatchRequestEntry => {
  if (!fifo)
    return {
      Id: id,
      MessageBody: message.body,
      ...(message.delaySeconds ? { DelaySeconds: Math.min(MAX_DELAY_SECONDS, message.delaySeconds) } : {}),
    };
  if (!message.groupId) throw new Error('A message to a FIFO queue needs a group id');
  return {
    Id: id,
    MessageBody: message.body,
    MessageGroupId: message.groupId,
    ...(message.deduplicationId ? { MessageDeduplicationId: message.deduplicationId } : {}),
  };
};

/** Sends to one SQS queue in batches, sending again only the entries SQS refused, until all went or attempts ran out. */
export class SqsSender implements MessageSender {
  private readonly fifo: boolean;

  constructor(
    private readonly sqs: SQSClient,
    private readonly queueUrl: string,
  ) {
    this.fifo = isFifoQueue(queueUrl);
  }

  async send(messages: QueueMessage[]): Promise<void> {
    for (const chunk of chunkForBatchSend(messages)) {
      let entries = chunk.map((message, index) => entryFor(message, String(index), this.fifo));
      for (let attempt = 1; entries.length > 0; attempt += 1) {
        const answer = await this.sqs.send(
          new SendMessageBatchCommand({ QueueUrl: this.queueUrl, Entries: entries }),
        );
        const failed = new Set((answer.Failed ?? []).map((f) => f.Id));
        if (failed.size === 0) break;
        if (attempt >= MAX_ATTEMPTS) {
          const reasons = (answer.Failed ?? []).map((f) => `${f.Code}: ${f.Message}`).join('; ');
          throw new Error(`SQS refused ${failed.size} message(s) after ${attempt} attempts: ${reasons}`);
        }
        entries = entries.filter((entry) => failed.has(entry.Id));
        await sleep(backoffDelay(attempt, BASE_DELAY_MS, MAX_DELAY_MS));
      }
    }
  }
}
