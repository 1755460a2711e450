import { SqsFifoPartialProcessorAsync } from '@aws-lambda-powertools/batch';
import { MetricUnit } from '@aws-lambda-powertools/metrics';
import type { JoorClient, JoorUsage } from '../core/ports/index.js';
import { BatchMessageSchema, processBatch } from '../pipeline/index.js';
import type { ConsumerDependencies } from './Dependencies.js';
import { METRICS } from './metricNames.js';
import { bodyOf, sqsHandler } from './sqsHandler.js';
import { tenantMetric } from './tenantMetrics.js';
import { readEnvironment } from './wiring/environment.js';
import { joorClientsFor } from './wiring/joorClients.js';
import { objectStoreOf } from './wiring/objectStore.js';
import { once } from './wiring/once.js';
import { queueSenders } from './wiring/queues.js';
import { tenantLoader } from './wiring/tenants.js';

/** Work queue (FIFO, the tenant as message group) → one bulk upsert in JOOR per message. */
export const createConsumerHandler = (getDeps: () => ConsumerDependencies) =>
  sqsHandler(new SqsFifoPartialProcessorAsync(), async (record, context, log) => {
    const message = bodyOf(record, BatchMessageSchema);
    const deps = getDeps();
    const tenant = { tenantId: message.tenantId };
    // The JOOR client processBatch asks for (a batch recorded before needs none): what it spent is the difference of
    // its counters around the batch.
    let used: { joor: JoorClient; before: JoorUsage } | undefined;
    const joorFor = async (tenantId: string): Promise<JoorClient> => {
      const joor = await deps.joorFor(tenantId);
      used ??= { joor, before: joor.usage() };
      return joor;
    };
    try {
      const outcome = await processBatch(message, {
        ...deps,
        joorFor,
        remainingMs: () => context.getRemainingTimeInMillis(),
      });
      log.info('batch processed', { batch: message.batch, customers: message.customers.length, outcome });
      tenantMetric(METRICS.customersSent, MetricUnit.Count, message.customers.length, { ...tenant, outcome });
    } finally {
      if (used) {
        const after = used.joor.usage();
        tenantMetric(METRICS.joorCredits, MetricUnit.Count, after.credits - used.before.credits, tenant);
        tenantMetric(
          METRICS.joorThrottled,
          MetricUnit.Count,
          after.throttled - used.before.throttled,
          tenant,
        );
      }
    }
  });

export const handler = createConsumerHandler(
  once((): ConsumerDependencies => {
    const env = readEnvironment();
    const store = objectStoreOf(env);
    const { FINALIZE_QUEUE_URL } = queueSenders(env, 'FINALIZE_QUEUE_URL');
    return { store, finalizeQueue: FINALIZE_QUEUE_URL, joorFor: joorClientsFor(tenantLoader(store)) };
  }),
);
