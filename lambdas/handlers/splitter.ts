import { BatchProcessor, EventType, processPartialResponse } from '@aws-lambda-powertools/batch';
import { MetricUnit } from '@aws-lambda-powertools/metrics';
import type { Context, SQSEvent, SQSRecord } from 'aws-lambda';
import { startRequestsOf } from '../pipeline/inboxMessages.js';
import { startRun } from '../pipeline/startRun.js';
import { createDependencies } from './dependencies.js';
import { logger, metrics } from './powertools.js';

const processor = new BatchProcessor(EventType.SQS);
let deps: ReturnType<typeof createDependencies> | undefined;

const recordHandler = async (record: SQSRecord): Promise<void> => {
  deps ??= createDependencies();
  for (const request of startRequestsOf(record.body)) {
    const outcome = await startRun(request, deps);
    logger.info('run started', { tenant: request.tenantId, runId: request.runId, outcome });
    metrics.addMetric(`files_${outcome}`, MetricUnit.Count, 1);
  }
};

/** Inbox queue (S3 object-created events under `inbox/`, and resumed runs) → the splitter's work for each file. */
export const handler = async (event: SQSEvent, context: Context) => {
  logger.addContext(context);
  try {
    return await processPartialResponse(event, recordHandler, processor, { context });
  } finally {
    metrics.publishStoredMetrics();
  }
};
