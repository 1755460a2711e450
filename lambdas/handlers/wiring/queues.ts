import { SQSClient } from '@aws-sdk/client-sqs';
import { SqsSender } from '../../adapters/index.js';
import type { MessageSender } from '../../core/ports/index.js';
import { tracer } from '../powertools.js';
import { type Environment, required } from './environment.js';

type QueueSetting = 'WORK_QUEUE_URL' | 'FINALIZE_QUEUE_URL' | 'INBOX_QUEUE_URL' | 'JOBS_QUEUE_URL';

let client: SQSClient | undefined;

/** The function's one SQS client, traced. */
export const sqsClient = (): SQSClient => {
  client ??= tracer.captureAWSv3Client(new SQSClient({}));
  return client;
};

/** Senders to the queues named by the function's environment, over one SQS client. */
export const queueSenders = <Name extends QueueSetting>(
  env: Environment,
  ...names: Name[]
): Record<Name, MessageSender> => {
  const senders = {} as Record<Name, MessageSender>;
  for (const name of names) senders[name] = new SqsSender(sqsClient(), required(env[name], name));
  return senders;
};
