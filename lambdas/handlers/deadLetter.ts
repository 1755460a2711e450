import { BatchProcessor, EventType } from '@aws-lambda-powertools/batch';
import { MetricUnit } from '@aws-lambda-powertools/metrics';
import { recordDeadLetter } from '../pipeline/processBatch.js';
import type { BatchMessage } from '../pipeline/runTypes.js';
import { type Dependencies, defaultDependencies } from './dependencies.js';
import { logger, metrics } from './powertools.js';
import { sqsHandler } from './sqsHandler.js';

/** Work queue's dead-letter queue → the batch's customers recorded as failed, so the run still finalizes. */
export const createDeadLetterHandler = (getDeps: () => Dependencies) =>
  sqsHandler(new BatchProcessor(EventType.SQS), async (record) => {
    const message = JSON.parse(record.body) as BatchMessage;
    await recordDeadLetter(
      message,
      getDeps(),
      `${record.attributes.ApproximateReceiveCount} deliveries to the consumer`,
    );
    logger.warn('batch dead-lettered', {
      tenant: message.tenantId,
      runId: message.runId,
      batch: message.batch,
      customers: message.customers.length,
    });
    metrics.addMetric('customers_dead_lettered', MetricUnit.Count, message.customers.length);
  });

export const handler = createDeadLetterHandler(defaultDependencies);
