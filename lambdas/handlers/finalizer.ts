import { BatchProcessor, EventType } from '@aws-lambda-powertools/batch';
import { MetricUnit } from '@aws-lambda-powertools/metrics';
import { finalizeRun } from '../pipeline/finalizeRun.js';
import type { FinalizeMessage } from '../pipeline/runTypes.js';
import { type Dependencies, defaultDependencies } from './dependencies.js';
import { logger, metrics } from './powertools.js';
import { sqsHandler } from './sqsHandler.js';

/** Finalize queue → exactly one report, snapshot, archive and release per run. */
export const createFinalizerHandler = (getDeps: () => Dependencies) =>
  sqsHandler(new BatchProcessor(EventType.SQS), async (record) => {
    const { tenantId, runId } = JSON.parse(record.body) as FinalizeMessage;
    const outcome = await finalizeRun(tenantId, runId, { ...getDeps(), now: () => new Date() });
    logger.info('run finalized', { tenant: tenantId, runId, outcome });
    if (outcome === 'finalized') metrics.addMetric('runs_finalized', MetricUnit.Count, 1);
  });

export const handler = createFinalizerHandler(defaultDependencies);
