import { BatchProcessor, EventType, processPartialResponse } from '@aws-lambda-powertools/batch';
import { MetricUnit } from '@aws-lambda-powertools/metrics';
import type { Context, SQSEvent, SQSRecord } from 'aws-lambda';
import { finalizeRun } from '../pipeline/finalizeRun.js';
import type { FinalizeMessage } from '../pipeline/runTypes.js';
import { type Dependencies, defaultDependencies } from './dependencies.js';
import { logger, loggingFailures, metrics } from './powertools.js';

const recordHandlerFor =
  (getDeps: () => Dependencies) =>
  async (record: SQSRecord): Promise<void> => {
    const deps = getDeps();
    const { tenantId, runId } = JSON.parse(record.body) as FinalizeMessage;
    const outcome = await finalizeRun(tenantId, runId, { ...deps, now: () => new Date() });
    logger.info('run finalized', { tenant: tenantId, runId, outcome });
    if (outcome === 'finalized') metrics.addMetric('runs_finalized', MetricUnit.Count, 1);
  };

/** Finalize queue → exactly one report, snapshot, archive and release per run. */
export const createFinalizerHandler = (getDeps: () => Dependencies) => {
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

export const handler = createFinalizerHandler(defaultDependencies);
