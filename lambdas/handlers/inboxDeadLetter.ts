import { BatchProcessor, EventType } from '@aws-lambda-powertools/batch';
import { MetricUnit } from '@aws-lambda-powertools/metrics';
import { abandonStart, startRequestsOf } from '../pipeline/index.js';
import type { Dependencies } from './Dependencies.js';
import { METRICS } from './metricNames.js';
import { queueNameOf, sqsHandler } from './sqsHandler.js';
import { tenantMetric } from './tenantMetrics.js';
import { readEnvironment } from './wiring/environment.js';
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
    const reason = `${record.attributes.ApproximateReceiveCount} deliveries to the splitter failed`;
    for (const request of startRequestsOf(
      record.body,
      `${queueNameOf(record)} message ${record.messageId}`,
    )) {
      log.appendKeys({ tenantId: request.tenantId, runId: request.runId });
      const outcome = await abandonStart(request, reason, getDeps());
      log.error('file could not be processed', { outcome });
      if (outcome === 'abandoned')
        tenantMetric(METRICS.runsNotProcessed, MetricUnit.Count, 1, { tenantId: request.tenantId });
    }
  });

export const handler = createInboxDeadLetterHandler(
  once((): InboxDeadLetterDependencies => {
    const env = readEnvironment();
    const { FINALIZE_QUEUE_URL } = queueSenders(env, 'FINALIZE_QUEUE_URL');
    return { store: objectStoreOf(env), finalizeQueue: FINALIZE_QUEUE_URL };
  }),
);
