/** One message; the group and deduplication ids apply to FIFO queues only, a delay to standard queues only. */
export interface QueueMessage {
  body: string;
  groupId?: string;
  deduplicationId?: string;
  /** Seconds before the message can be received (SQS's `DelaySeconds`, at most 900; standard queues only here). */
  delaySeconds?: number;
}

/** Sends messages, all or an error: entries a batch send refused are sent again, never dropped. */
export interface MessageSender {
  send(messages: QueueMessage[]): Promise<void>;
}
