import { BatchProcessor, EventType, processPartialResponse } from '@aws-lambda-powertools/batch';
import { MetricUnit } from '@aws-lambda-powertools/metrics';
import type { Context, SQSEvent, SQSRecord } from 'aws-lambda';
import { recordDeadLetter } from '../pipeline/processBatch.js';
import type { BatchMessage } from '../pipeline/runTypes.js';
import { createDependencies } from './dependencies.js';
import { logger, metrics } from './powertools.js';

const processor = new BatchProcessor(EventType.SQS);
let deps: ReturnType<typeof createDependencies> | undefined;

const recordHandler = async (record: SQSRecord): Promise<void> => {
  deps ??= createDependencies();
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
export const handler = async (event: SQSEvent, context: Context) => {
  logger.addContext(context);
  try {
    return await processPartialResponse(event, recordHandler, processor, { context });
  } finally {
    metrics.publishStoredMetrics();
  }
};
