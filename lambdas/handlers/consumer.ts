import { SqsFifoPartialProcessorAsync } from '@aws-lambda-powertools/batch';
import { MetricUnit } from '@aws-lambda-powertools/metrics';
import type { Context, SQSBatchResponse, SQSEvent } from 'aws-lambda';
import { visibilityOf } from '../adapters/index.js';
import type { JoorClient, JoorUsage } from '../core/ports/index.js';
import { BatchMessageSchema, processBatch } from '../pipeline/index.js';
import type { ConsumerDependencies } from './Dependencies.js';
import { METRICS } from './metrics/index.js';
import { platformMetric } from './platformMetric.js';
import { bodyOf, DeliveryDeferred, sqsHandler } from './sqsHandler.js';
import { readEnvironment, required } from './wiring/environment.js';
import { joorClientsFor } from './wiring/joorClients.js';
import { objectStoreOf } from './wiring/objectStore.js';
import { once } from './wiring/once.js';
import { queueSenders, sqsClient } from './wiring/queues.js';
import { tenantLoader } from './wiring/tenants.js';

/**
 * Work queue (FIFO, the tenant as message group) → each batch posted to JOOR once; its job is checked later by the
 * job watcher, so no invocation waits for JOOR. A batch whose tenant has no JOOR credits left now is handed back to
 * the queue until they come (its group waits with it; the other tenants' groups go on).
 */
export const createConsumerHandler =
  (getDeps: () => ConsumerDependencies) =>
  (event: SQSEvent, context: Context): Promise<SQSBatchResponse> => {
    // Per invocation: which tenants (message groups) wait for JOOR, and for how long.
    const deferred = new Map<string, number>();
    return sqsHandler(
      () => new SqsFifoPartialProcessorAsync(),
      async (record, _context, log) => {
        const message = bodyOf(record, BatchMessageSchema);
        const deps = getDeps();
        // The JOOR client processBatch asks for (a batch recorded before needs none): what it spent is the difference
        // of its counters around the batch.
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
            now: () => new Date(),
          });
          if (typeof outcome === 'object') {
            const seconds = Math.ceil(outcome.deferMs / 1000);
            deferred.set(message.tenantId, seconds);
            throw new DeliveryDeferred(
              `JOOR's credits for ${message.tenantId} come back in ${seconds} s`,
              seconds,
            );
          }
          log.info('batch processed', { batch: message.batch, customers: message.customers.length, outcome });
          platformMetric(METRICS.customersSent, MetricUnit.Count, message.customers.length);
        } finally {
          if (used) {
            const after = used.joor.usage();
            // The tenant's share, in its log line (the line carries tenantId); the metrics are the platform's sums.
            const joorCredits = after.credits - used.before.credits;
            const joorThrottled = after.throttled - used.before.throttled;
            log.info('joor credits spent', { batch: message.batch, joorCredits, joorThrottled });
            platformMetric(METRICS.joorCredits, MetricUnit.Count, joorCredits);
            platformMetric(METRICS.joorThrottled, MetricUnit.Count, joorThrottled);
          }
        }
      },
      {
        // The deferred record and the rest of its group that the processor skipped come back when JOOR's credits do,
        // not after the queue's visibility time-out (30 minutes): also when they are the whole invocation, as a
        // tenant's batches often are.
        onBatchEnd: async (response) => {
          if (deferred.size === 0) return;
          const byId = new Map(event.Records.map((record) => [record.messageId, record]));
          const deps = getDeps();
          for (const failure of response.batchItemFailures) {
            const record = byId.get(failure.itemIdentifier);
            const seconds = record && deferred.get(record.attributes.MessageGroupId ?? '');
            if (record && seconds !== undefined) await deps.deferWork(record.receiptHandle, seconds);
          }
        },
      },
    )(event, context);
  };

export const handler = createConsumerHandler(
  once((): ConsumerDependencies => {
    const env = readEnvironment();
    const store = objectStoreOf(env);
    const loadTenant = tenantLoader(store);
    const { FINALIZE_QUEUE_URL, JOBS_QUEUE_URL } = queueSenders(env, 'FINALIZE_QUEUE_URL', 'JOBS_QUEUE_URL');
    return {
      store,
      finalizeQueue: FINALIZE_QUEUE_URL,
      jobsQueue: JOBS_QUEUE_URL,
      deferWork: visibilityOf(sqsClient(), required(env.WORK_QUEUE_URL, 'WORK_QUEUE_URL')),
      joorFor: joorClientsFor(loadTenant),
      loadTenant,
    };
  }),
);
