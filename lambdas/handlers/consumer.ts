import { SqsFifoPartialProcessorAsync } from '@aws-lambda-powertools/batch';
import { MetricUnit } from '@aws-lambda-powertools/metrics';
import { processBatch } from '../pipeline/processBatch.js';
import type { BatchMessage } from '../pipeline/runTypes.js';
import { type Dependencies, defaultDependencies } from './dependencies.js';
import { logger, metrics } from './powertools.js';
import { sqsHandler } from './sqsHandler.js';

/** Work queue (FIFO, the tenant as message group) → one bulk upsert in JOOR per message. */
export const createConsumerHandler = (getDeps: () => Dependencies) =>
  sqsHandler(new SqsFifoPartialProcessorAsync(), async (record, context) => {
    const message = JSON.parse(record.body) as BatchMessage;
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

export const handler = createConsumerHandler(defaultDependencies);
