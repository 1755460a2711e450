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
import type { FaultInjector } from '../faults/FaultInjector.js';
import { type EventSource, LocalLambdaRuntime, type SqsHandler } from './LocalLambdaRuntime.js';

export interface QueueRef {
  url: string;
  arn: string;
}

export interface PipelineQueues {
  inbox: QueueRef;
  inboxDlq?: QueueRef;
  work: QueueRef;
  workDlq: QueueRef;
  finalize: QueueRef;
  finalizeDlq?: QueueRef;
  jobs: QueueRef;
  jobsDlq?: QueueRef;
}

/**
 * Invocations of each function at once, as the platform stack's event sources allow (lib/platform/Functions.ts):
 * the consumer's and the job watcher's are shared by every tenant.
 */
export const LOCAL_CONCURRENCY = { consumer: 10, jobWatcher: 5, other: 2 } as const;

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

/**
 * The real handlers wired to the pipeline's queues with the batch sizes the platform stack gives their event sources.
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
    /** Each function runs up to its LOCAL_CONCURRENCY invocations at once; one at a time otherwise. */
    concurrent?: boolean;
  },
): LocalLambdaRuntime => {
  const { faults } = options;
  const handlerDeps = faults?.active ? mortalDependencies(deps, faults) : deps;
  const source = (
    name: WrappableSource,
    queue: QueueRef,
    handler: unknown,
    batchSize: number,
    concurrency: number = LOCAL_CONCURRENCY.other,
  ): EventSource => {
    const wrapped = options.wrap?.[name]
      ? options.wrap[name](handler as SqsHandler)
      : (handler as SqsHandler);
    return {
      name,
      queueUrl: queue.url,
      queueArn: queue.arn,
      handler: faults?.active ? faults.wrapHandler(wrapped) : wrapped,
      batchSize,
      timeoutMs: options.timeoutMs,
      concurrency,
    };
  };
  const deadLetterSources = [
    ...(queues.inboxDlq
      ? [
          source(
            'inbox-dead-letter',
            queues.inboxDlq,
            createInboxDeadLetterHandler(() => handlerDeps),
            10,
          ),
        ]
      : []),
    ...(queues.jobsDlq
      ? [
          source(
            'jobs-dead-letter',
            queues.jobsDlq,
            createJobsDeadLetterHandler(() => handlerDeps),
            10,
          ),
        ]
      : []),
    ...(queues.finalizeDlq
      ? [
          source(
            'finalize-dead-letter',
            queues.finalizeDlq,
            createFinalizeDeadLetterHandler(() => handlerDeps),
            10,
          ),
        ]
      : []),
  ];
  return new LocalLambdaRuntime(
    sqs,
    [
      source(
        'splitter',
        queues.inbox,
        createSplitterHandler(() => handlerDeps),
        1,
      ),
      source(
        'consumer',
        queues.work,
        createConsumerHandler(() => handlerDeps),
        10,
        LOCAL_CONCURRENCY.consumer,
      ),
      {
        ...source(
          'job-watcher',
          queues.jobs,
          createJobWatcherHandler(() => handlerDeps),
          10,
          LOCAL_CONCURRENCY.jobWatcher,
        ),
        // A run waits for its job checks, delayed seconds: the runtime is not idle while one is on its way.
        awaitDelayed: true,
      },
      source(
        'dead-letter',
        queues.workDlq,
        createDeadLetterHandler(() => handlerDeps),
        10,
      ),
      source(
        'finalizer',
        queues.finalize,
        createFinalizerHandler(() => handlerDeps),
        1,
      ),
      ...deadLetterSources,
    ],
    options.concurrent === true,
  );
};
