import { SqsFifoPartialProcessorAsync } from '@aws-lambda-powertools/batch';
import { MetricUnit } from '@aws-lambda-powertools/metrics';
import { BatchMessageSchema, recordDeadLetter } from '../pipeline/index.js';
import type { DeadLetterDependencies } from './Dependencies.js';
import { METRICS } from './metrics/index.js';
import { platformMetric } from './platformMetric.js';
import { bodyOf, sqsHandler } from './sqsHandler.js';
import { type Environment, readEnvironment } from './wiring/environment.js';
import { objectStoreOf } from './wiring/objectStore.js';
import { once } from './wiring/once.js';
import { queueSenders } from './wiring/queues.js';

/** Work queue's dead-letter queue (FIFO, like the work queue) → the batch's customers recorded as failed, so the run
 * still finalizes. */
export const createDeadLetterHandler = (getDeps: () => DeadLetterDependencies) =>
  sqsHandler(
    () => new SqsFifoPartialProcessorAsync(),
    async (record, _context, log) => {
      const message = bodyOf(record, BatchMessageSchema);
      await recordDeadLetter(
        message,
        { ...getDeps(), now: () => new Date() },
        `${record.attributes.ApproximateReceiveCount} receives`,
      );
      log.warn('batch dead-lettered', { batch: message.batch, customers: message.customers.length });
      platformMetric(METRICS.customersDeadLettered, MetricUnit.Count, message.customers.length);
    },
  );

/**
 * The work and job-check dead-letter handlers' clients from their environment: the bucket and the queues they hand
 * runs on through. A deploy that left a setting out fails here, naming it, at every invocation (the runbook's
 * "handler failed too" over moto, test/e2e/runbook.test.ts, breaks the handlers this way).
 */
export const deadLetterDependenciesOf = (env: Environment): DeadLetterDependencies => {
  const { FINALIZE_QUEUE_URL, JOBS_QUEUE_URL } = queueSenders(env, 'FINALIZE_QUEUE_URL', 'JOBS_QUEUE_URL');
  return { store: objectStoreOf(env), finalizeQueue: FINALIZE_QUEUE_URL, jobsQueue: JOBS_QUEUE_URL };
};

export const deadLetterDependencies = once(() => deadLetterDependenciesOf(readEnvironment()));

export const handler = createDeadLetterHandler(deadLetterDependencies);
