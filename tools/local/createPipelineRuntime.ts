import type { SQSClient } from '@aws-sdk/client-sqs';
import type { Dependencies } from '../../lambdas/handlers/index.js';
import {
  createConsumerHandler,
  createDeadLetterHandler,
  createFinalizerHandler,
  createSplitterHandler,
} from '../../lambdas/handlers/index.js';
import { type EventSource, LocalLambdaRuntime, type SqsHandler } from './LocalLambdaRuntime.js';

export interface QueueRef {
  url: string;
  arn: string;
}

export interface PipelineQueues {
  inbox: QueueRef;
  work: QueueRef;
  workDlq: QueueRef;
  finalize: QueueRef;
}

/**
 * The real handlers wired to the pipeline's queues with the batch sizes the platform stack gives their event sources.
 * `wrap` lets a test stand between a queue and its handler (to make the consumer fail, say).
 */
export const createPipelineRuntime = (
  sqs: SQSClient,
  queues: PipelineQueues,
  deps: Dependencies,
  options: { timeoutMs: number; wrap?: Partial<Record<'consumer', (handler: SqsHandler) => SqsHandler>> },
): LocalLambdaRuntime => {
  const source = (name: string, queue: QueueRef, handler: unknown, batchSize: number): EventSource => ({
    name,
    queueUrl: queue.url,
    queueArn: queue.arn,
    handler: handler as SqsHandler,
    batchSize,
    timeoutMs: options.timeoutMs,
  });
  const consumer = createConsumerHandler(() => deps) as SqsHandler;
  return new LocalLambdaRuntime(sqs, [
    source(
      'splitter',
      queues.inbox,
      createSplitterHandler(() => deps),
      1,
    ),
    source('consumer', queues.work, options.wrap?.consumer ? options.wrap.consumer(consumer) : consumer, 10),
    source(
      'dead-letter',
      queues.workDlq,
      createDeadLetterHandler(() => deps),
      10,
    ),
    source(
      'finalizer',
      queues.finalize,
      createFinalizerHandler(() => deps),
      1,
    ),
  ]);
};
