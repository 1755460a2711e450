import { SqsFifoPartialProcessorAsync } from '@aws-lambda-powertools/batch';
import { MetricUnit } from '@aws-lambda-powertools/metrics';
import { BatchMessageSchema, processBatch } from '../pipeline/index.js';
import type { ConsumerDependencies } from './Dependencies.js';
import { logger, metrics } from './powertools.js';
import { bodyOf, sqsHandler } from './sqsHandler.js';
import { readEnvironment } from './wiring/environment.js';
import { joorClientsFor } from './wiring/joorClients.js';
import { objectStoreOf } from './wiring/objectStore.js';
import { once } from './wiring/once.js';
import { queueSenders } from './wiring/queues.js';
import { tenantLoader } from './wiring/tenants.js';

/** Work queue (FIFO, the tenant as message group) → one bulk upsert in JOOR per message. */
export const createConsumerHandler = (getDeps: () => ConsumerDependencies) =>
  sqsHandler(new SqsFifoPartialProcessorAsync(), async (record, context) => {
    const message = bodyOf(record, BatchMessageSchema);
    const outcome = await processBatch(message, {
      ...getDeps(),
      remainingMs: () => context.getRemainingTimeInMillis(),
    });
    logger.info('batch processed', {
      tenant: message.tenantId,
      runId: message.runId,
      batch: message.batch,
      customers: message.customers.length,
      outcome,
    });
    metrics.addMetric('customers_sent', MetricUnit.Count, message.customers.length);
  });

export const handler = createConsumerHandler(
  once((): ConsumerDependencies => {
    const env = readEnvironment();
    const store = objectStoreOf(env);
    const { FINALIZE_QUEUE_URL } = queueSenders(env, 'FINALIZE_QUEUE_URL');
    return { store, finalizeQueue: FINALIZE_QUEUE_URL, joorFor: joorClientsFor(tenantLoader(store)) };
  }),
);
