import { processPartialResponse, SqsFifoPartialProcessorAsync } from '@aws-lambda-powertools/batch';
import { MetricUnit } from '@aws-lambda-powertools/metrics';
import type { Context, SQSEvent, SQSRecord } from 'aws-lambda';
import { processBatch } from '../pipeline/processBatch.js';
import type { BatchMessage } from '../pipeline/runTypes.js';
import { createDependencies } from './dependencies.js';
import { logger, metrics } from './powertools.js';

const processor = new SqsFifoPartialProcessorAsync();
let deps: ReturnType<typeof createDependencies> | undefined;

/** Work queue (FIFO, the tenant as message group) → one bulk upsert in JOOR per message. */
export const handler = async (event: SQSEvent, context: Context) => {
  logger.addContext(context);
  deps ??= createDependencies();
  const dependencies = { ...deps, remainingMs: () => context.getRemainingTimeInMillis() };
  const recordHandler = async (record: SQSRecord): Promise<void> => {
    const message = JSON.parse(record.body) as BatchMessage;
    const outcome = await processBatch(message, dependencies);
    logger.info('batch processed', {
      tenant: message.tenantId,
      runId: message.runId,
      batch: message.batch,
      customers: message.customers.length,
      outcome,
    });
    metrics.addMetric('customers_sent', MetricUnit.Count, message.customers.length);
  };
  try {
    return await processPartialResponse(event, recordHandler, processor, { context });
  } finally {
    metrics.publishStoredMetrics();
  }
};
