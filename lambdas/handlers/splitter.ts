import { BatchProcessor, EventType } from '@aws-lambda-powertools/batch';
import { MetricUnit } from '@aws-lambda-powertools/metrics';
import { startRequestsOf } from '../pipeline/inboxMessages.js';
import { startRun } from '../pipeline/startRun.js';
import { type Dependencies, defaultDependencies } from './dependencies.js';
import { logger, metrics } from './powertools.js';
import { sqsHandler } from './sqsHandler.js';

/** Inbox queue (S3 object-created events under `inbox/` and `partial/`, and resumed runs) → the splitter's work. */
export const createSplitterHandler = (getDeps: () => Dependencies) =>
  sqsHandler(new BatchProcessor(EventType.SQS), async (record) => {
    for (const request of startRequestsOf(record.body)) {
      const outcome = await startRun(request, getDeps());
      logger.info('run started', { tenant: request.tenantId, runId: request.runId, outcome });
      metrics.addMetric(`files_${outcome}`, MetricUnit.Count, 1);
    }
  });

export const handler = createSplitterHandler(defaultDependencies);
