import type { SQSClient } from '@aws-sdk/client-sqs';
import type { Dependencies } from '../../lambdas/handlers/index.js';
import {
  createConsumerHandler,
  createDeadLetterHandler,
  createFinalizeDeadLetterHandler,
  createFinalizerHandler,
  createInboxDeadLetterHandler,
  createJobsDeadLetterHandler,
  createJobWatcherHandler,
  createSplitterHandler,
} from '../../lambdas/handlers/index.js';
import { type QueueReader, queueReadBy } from '../../lib/platform/queueLayout.js';
import type { FaultInjector } from '../faults/FaultInjector.js';
import type { PipelineQueues, QueueRef } from './createQueues.js';
import { type EventSource, LocalLambdaRuntime, type SqsHandler } from './LocalLambdaRuntime.js';

/** The handlers' ports as a dying invocation meets them: any call may be its last (JOOR's included). */
const mortalDependencies = (deps: Dependencies, faults: FaultInjector): Dependencies => ({
  ...deps,
  store: faults.wrap(deps.store),
  loadTenant: (tenantId) => faults.wrap({ load: deps.loadTenant }).load(tenantId),
  workQueue: faults.wrap(deps.workQueue),
  finalizeQueue: faults.wrap(deps.finalizeQueue),
  inboxQueue: faults.wrap(deps.inboxQueue),
  jobsQueue: faults.wrap(deps.jobsQueue),
  mailer: faults.wrap(deps.mailer),
  joorFor: async (tenantId) => faults.wrap(await deps.joorFor(tenantId)),
});

/** The event sources, by name: a test may stand between any of their queues and its handler (`wrap`). */
export type WrappableSource =
  | 'splitter'
  | 'consumer'
  | 'job-watcher'
  | 'dead-letter'
  | 'finalizer'
  | 'inbox-dead-letter'
  | 'jobs-dead-letter'
  | 'finalize-dead-letter';

type HandlerFactory = (deps: () => Dependencies) => unknown;

/**
 * Each function that reads a queue: its name in this runtime (and its metrics) and its handler, in the order the
 * runtime polls them (a fault schedule replayed from its seed depends on it).
 */
const READERS: Record<QueueReader, { name: WrappableSource; create: HandlerFactory }> = {
  splitter: { name: 'splitter', create: createSplitterHandler },
  consumer: { name: 'consumer', create: createConsumerHandler },
  jobWatcher: { name: 'job-watcher', create: createJobWatcherHandler },
  deadLetter: { name: 'dead-letter', create: createDeadLetterHandler },
  finalizer: { name: 'finalizer', create: createFinalizerHandler },
  inboxDeadLetter: { name: 'inbox-dead-letter', create: createInboxDeadLetterHandler },
  jobsDeadLetter: { name: 'jobs-dead-letter', create: createJobsDeadLetterHandler },
  finalizeDeadLetter: { name: 'finalize-dead-letter', create: createFinalizeDeadLetterHandler },
};

/**
 * The real handlers wired to the pipeline's queues as QUEUE_LAYOUT's event sources read them in the platform stack.
 * `wrap` lets a test stand between a queue and its handler (to make the consumer fail, the splitter die, or a deploy
 * break a dead-letter handler, say).
 */
export const createPipelineRuntime = (
  sqs: SQSClient,
  queues: PipelineQueues,
  deps: Dependencies,
  options: {
    timeoutMs: number;
    wrap?: Partial<Record<WrappableSource, (handler: SqsHandler) => SqsHandler>>;
    /** `CUSTOMER_SYNC_FAULTS`: calls that fail as AWS fails, invocations that die between two calls. */
    faults?: FaultInjector;
    /** Each function runs up to its event source's maxConcurrency invocations at once; one at a time otherwise. */
    concurrent?: boolean;
  },
): LocalLambdaRuntime => {
  const { faults } = options;
  const handlerDeps = faults?.active ? mortalDependencies(deps, faults) : deps;
  const source = (reader: QueueReader): EventSource => {
    const { queue: name, deadLetters, source: layout } = queueReadBy(reader);
    const queue: QueueRef = deadLetters ? queues[`${name}Dlq`] : queues[name];
    const { name: sourceName, create } = READERS[reader];
    const handler = create(() => handlerDeps) as SqsHandler;
    const wrapped = options.wrap?.[sourceName] ? options.wrap[sourceName](handler) : handler;
    return {
      name: sourceName,
      queueUrl: queue.url,
      queueArn: queue.arn,
      handler: faults?.active ? faults.wrapHandler(wrapped) : wrapped,
      batchSize: layout.batchSize,
      timeoutMs: options.timeoutMs,
      concurrency: layout.maxConcurrency,
      // A run waits for its job checks, delayed seconds: the runtime is not idle while one is on its way.
      ...(reader === 'jobWatcher' ? { awaitDelayed: true } : {}),
    };
  };
  return new LocalLambdaRuntime(
    sqs,
    (Object.keys(READERS) as QueueReader[]).map(source),
    options.concurrent === true,
  );
};
