import { BatchProcessor, EventType } from '@aws-lambda-powertools/batch';
import { MetricUnit } from '@aws-lambda-powertools/metrics';
import type { JoorClient, JoorUsage } from '../core/ports/index.js';
import { checkJobs, JobCheckMessageSchema } from '../pipeline/index.js';
import type { JobWatcherDependencies } from './Dependencies.js';
import { METRICS } from './metrics/index.js';
import { platformMetric } from './platformMetric.js';
import { bodyOf, sqsHandler } from './sqsHandler.js';
import { readEnvironment } from './wiring/environment.js';
import { joorClientsFor } from './wiring/joorClients.js';
import { objectStoreOf } from './wiring/objectStore.js';
import { once } from './wiring/once.js';
import { queueSenders } from './wiring/queues.js';
import { tenantLoader } from './wiring/tenants.js';

/**
 * Job-check queue (standard, delayed messages) → one look at a run's jobs in JOOR, the next look scheduled while
 * any is on its way: the waiting for JOOR happens between invocations, never inside one.
 */
export const createJobWatcherHandler = (getDeps: () => JobWatcherDependencies) =>
  sqsHandler(
    () => new BatchProcessor(EventType.SQS),
    async (record, context, log) => {
      const message = bodyOf(record, JobCheckMessageSchema);
      const deps = getDeps();
      let used: { joor: JoorClient; before: JoorUsage } | undefined;
      try {
        const outcome = await checkJobs(message, {
          ...deps,
          joorFor: async (tenantId) => {
            const joor = await deps.joorFor(tenantId);
            used ??= { joor, before: joor.usage() };
            return joor;
          },
          remainingMs: () => context.getRemainingTimeInMillis(),
          now: () => new Date(),
        });
        log.info('jobs checked', { outcome });
        if (outcome !== 'stale') platformMetric(METRICS.jobChecks, MetricUnit.Count, 1);
      } finally {
        if (used) {
          // The tenant's share, in its log line (the line carries tenantId); the metric is the platform's sum.
          const joorCredits = used.joor.usage().credits - used.before.credits;
          log.info('joor credits spent', { joorCredits });
          platformMetric(METRICS.joorCredits, MetricUnit.Count, joorCredits);
        }
      }
    },
  );

export const handler = createJobWatcherHandler(
  once((): JobWatcherDependencies => {
    const env = readEnvironment();
    const store = objectStoreOf(env);
    const loadTenant = tenantLoader(store);
    const { FINALIZE_QUEUE_URL, JOBS_QUEUE_URL } = queueSenders(env, 'FINALIZE_QUEUE_URL', 'JOBS_QUEUE_URL');
    return {
      store,
      loadTenant,
      finalizeQueue: FINALIZE_QUEUE_URL,
      jobsQueue: JOBS_QUEUE_URL,
      joorFor: joorClientsFor(loadTenant),
    };
  }),
);
