import { processPartialResponse, SqsFifoPartialProcessorAsync } from '@aws-lambda-powertools/batch';
import { MetricUnit } from '@aws-lambda-powertools/metrics';
import type { Context, SQSEvent, SQSRecord } from 'aws-lambda';
import { processBatch } from '../pipeline/processBatch.js';
import type { BatchMessage } from '../pipeline/runTypes.js';
import { type Dependencies, defaultDependencies } from './dependencies.js';
import { logger, loggingFailures, metrics } from './powertools.js';

/** Work queue (FIFO, the tenant as message group) → one bulk upsert in JOOR per message. */
export const createConsumerHandler = (getDeps: () => Dependencies) => {
  const processor = new SqsFifoPartialProcessorAsync();
  return async (event: SQSEvent, context: Context) => {
    logger.addContext(context);
    const dependencies = { ...getDeps(), remainingMs: () => context.getRemainingTimeInMillis() };
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
      return await processPartialResponse(event, loggingFailures(recordHandler), processor, { context });
    } finally {
      metrics.publishStoredMetrics();
    }
  };
};

export const handler = createConsumerHandler(defaultDependencies);
