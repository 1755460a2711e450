import { BatchProcessor, EventType, processPartialResponse } from '@aws-lambda-powertools/batch';
import { MetricUnit } from '@aws-lambda-powertools/metrics';
import type { Context, SQSEvent, SQSRecord } from 'aws-lambda';
import { finalizeRun } from '../pipeline/finalizeRun.js';
import type { FinalizeMessage } from '../pipeline/runTypes.js';
import { createDependencies } from './dependencies.js';
import { logger, metrics } from './powertools.js';

const processor = new BatchProcessor(EventType.SQS);
let deps: ReturnType<typeof createDependencies> | undefined;

const recordHandler = async (record: SQSRecord): Promise<void> => {
  deps ??= createDependencies();
  const { tenantId, runId } = JSON.parse(record.body) as FinalizeMessage;
  const outcome = await finalizeRun(tenantId, runId, { ...deps, now: () => new Date() });
  logger.info('run finalized', { tenant: tenantId, runId, outcome });
  if (outcome === 'finalized') metrics.addMetric('runs_finalized', MetricUnit.Count, 1);
};

/** Finalize queue → exactly one report, snapshot, archive and release per run. */
export const handler = async (event: SQSEvent, context: Context) => {
  logger.addContext(context);
  try {
    return await processPartialResponse(event, recordHandler, processor, { context });
  } finally {
    metrics.publishStoredMetrics();
  }
};
