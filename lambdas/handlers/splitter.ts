import { BatchProcessor, EventType } from '@aws-lambda-powertools/batch';
import { MetricUnit } from '@aws-lambda-powertools/metrics';
import { boundsFromEnvironment, closeIfPoisonedStart, startRequestsOf, startRun } from '../pipeline/index.js';
import type { SplitterDependencies } from './Dependencies.js';
import { METRICS } from './metrics/index.js';
import { platformMetric } from './platformMetric.js';
import { deliveryIdOf, queueNameOf, sqsHandler } from './sqsHandler.js';
import { readEnvironment } from './wiring/environment.js';
import { objectStoreOf } from './wiring/objectStore.js';
import { once } from './wiring/once.js';
import { queueSenders } from './wiring/queues.js';
import { tenantLoader } from './wiring/tenants.js';

/** Inbox queue (S3 object-created events under `inbox/` and `partial/`, and resumed runs) → the splitter's work. */
export const createSplitterHandler = (getDeps: () => SplitterDependencies) =>
  sqsHandler(new BatchProcessor(EventType.SQS), async (record, _context, log) => {
    for (const request of startRequestsOf(
      record.body,
      `${queueNameOf(record)} message ${record.messageId}`,
    )) {
      log.appendKeys({ tenantId: request.tenantId, runId: request.runId });
      const deps = getDeps();
      let outcome: string;
      try {
        outcome = await startRun(request, deps);
      } catch (error) {
        // Recorded with its cause; a failure that repeats the last one closes the run now (closePoisonedRun.ts).
        const after = await closeIfPoisonedStart(request, error, deliveryIdOf(record), deps);
        if (after === 'retry') throw error;
        log.error('file could not be processed: it failed the same way again', { error: error as Error });
        outcome = 'not_processed';
      }
      log.info('run started', { outcome });
      platformMetric(METRICS.files, MetricUnit.Count, 1);
    }
  });

export const handler = createSplitterHandler(
  once((): SplitterDependencies => {
    const env = readEnvironment();
    const store = objectStoreOf(env);
    const queues = queueSenders(env, 'WORK_QUEUE_URL', 'FINALIZE_QUEUE_URL');
    return {
      store,
      loadTenant: tenantLoader(store),
      workQueue: queues.WORK_QUEUE_URL,
      finalizeQueue: queues.FINALIZE_QUEUE_URL,
      bounds: boundsFromEnvironment(),
    };
  }),
);
