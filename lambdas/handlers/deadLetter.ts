import { BatchProcessor, EventType, processPartialResponse } from '@aws-lambda-powertools/batch';
import { MetricUnit } from '@aws-lambda-powertools/metrics';
import type { Context, SQSEvent, SQSRecord } from 'aws-lambda';
import { recordDeadLetter } from '../pipeline/processBatch.js';
import type { BatchMessage } from '../pipeline/runTypes.js';
import { type Dependencies, defaultDependencies } from './dependencies.js';
import { logger, loggingFailures, metrics } from './powertools.js';

const recordHandlerFor =
  (getDeps: () => Dependencies) =>
  async (record: SQSRecord): Promise<void> => {
    const deps = getDeps();
    const message = JSON.parse(record.body) as BatchMessage;
    const receives = record.attributes.ApproximateReceiveCount;
    await recordDeadLetter(message, deps, `${receives} deliveries to the consumer`);
    logger.warn('batch dead-lettered', {
      tenant: message.tenantId,
      runId: message.runId,
      batch: message.batch,
      customers: message.customers.length,
    });
    metrics.addMetric('customers_dead_lettered', MetricUnit.Count, message.customers.length);
  };

/** Work queue's dead-letter queue → the batch's customers recorded as failed, so the run still finalizes. */
export const createDeadLetterHandler = (getDeps: () => Dependencies) => {
  const processor = new BatchProcessor(EventType.SQS);
  const recordHandler = recordHandlerFor(getDeps);
  return async (event: SQSEvent, context: Context) => {
    logger.addContext(context);
    try {
      return await processPartialResponse(event, loggingFailures(recordHandler), processor, { context });
    } finally {
      metrics.publishStoredMetrics();
    }
  };
};

export const handler = createDeadLetterHandler(defaultDependencies);
