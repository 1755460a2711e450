import { BatchProcessor, EventType } from '@aws-lambda-powertools/batch';
import { abandonStart, closingReason, failedDeliveriesOf, startRequestsOf } from '../pipeline/index.js';
import type { Dependencies } from './Dependencies.js';
import { queueNameOf, sqsHandler } from './sqsHandler.js';
import { type Environment, readEnvironment } from './wiring/environment.js';
import { objectStoreOf } from './wiring/objectStore.js';
import { once } from './wiring/once.js';
import { queueSenders } from './wiring/queues.js';

export type InboxDeadLetterDependencies = Pick<Dependencies, 'store' | 'finalizeQueue'>;

/**
 * Inbox dead-letter queue → a file the splitter failed on at every delivery is closed as "could not be processed":
 * its report names the run, the file is archived, the tenant released and its next file started.
 */
export const createInboxDeadLetterHandler = (getDeps: () => InboxDeadLetterDependencies) =>
  sqsHandler(new BatchProcessor(EventType.SQS), async (record, _context, log) => {
    for (const request of startRequestsOf(
      record.body,
      `${queueNameOf(record)} message ${record.messageId}`,
    )) {
      log.appendKeys({ tenantId: request.tenantId, runId: request.runId });
      const deps = getDeps();
      // The cause and the count are what the splitter's deliveries recorded, not this message's receive count
      // (which counts this queue's receives too).
      const reason = closingReason(
        await failedDeliveriesOf(deps.store, request.tenantId, request.runId, 'split'),
        'the splitter failed on every delivery without recording why (it ran out of memory or time, or could not reach S3)',
      );
      const outcome = await abandonStart(request, reason, deps);
      // RunsNotProcessed is counted where the run's report is written (the finalizer, or its dead-letter handler).
      log.error('file could not be processed', { outcome, reason });
    }
  });

/**
 * The function's dependencies from its environment. A deploy that left a setting out fails here, naming it, at every
 * invocation: the moto bad day (test/e2e/operatorBadDay.test.ts) breaks the handler this way.
 */
export const inboxDeadLetterDependencies = (env: Environment): InboxDeadLetterDependencies => {
  const { FINALIZE_QUEUE_URL } = queueSenders(env, 'FINALIZE_QUEUE_URL');
  return { store: objectStoreOf(env), finalizeQueue: FINALIZE_QUEUE_URL };
};

export const handler = createInboxDeadLetterHandler(
  once(() => inboxDeadLetterDependencies(readEnvironment())),
);
