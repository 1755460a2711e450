import { BatchProcessor, EventType, processPartialResponse } from '@aws-lambda-powertools/batch';
import { MetricUnit } from '@aws-lambda-powertools/metrics';
import type { Context, SQSEvent, SQSRecord } from 'aws-lambda';
import { startRequestsOf } from '../pipeline/inboxMessages.js';
import { startRun } from '../pipeline/startRun.js';
import { type Dependencies, defaultDependencies } from './dependencies.js';
import { logger, loggingFailures, metrics } from './powertools.js';

const recordHandlerFor =
  (getDeps: () => Dependencies) =>
  async (record: SQSRecord): Promise<void> => {
    const deps = getDeps();
    for (const request of startRequestsOf(record.body)) {
      const outcome = await startRun(request, deps);
      logger.info('run started', { tenant: request.tenantId, runId: request.runId, outcome });
      metrics.addMetric(`files_${outcome}`, MetricUnit.Count, 1);
    }
  };

/** Inbox queue (S3 object-created events under `inbox/`, and resumed runs) → the splitter's work for each file. */
export const createSplitterHandler = (getDeps: () => Dependencies) => {
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

export const handler = createSplitterHandler(defaultDependencies);
