import { BatchProcessor, EventType } from '@aws-lambda-powertools/batch';
import { MetricUnit } from '@aws-lambda-powertools/metrics';
import { FinalizeMessageSchema, finalizeRun } from '../pipeline/index.js';
import type { FinalizerDependencies } from './Dependencies.js';
import { METRICS } from './metricNames.js';
import { logger, metrics } from './powertools.js';
import { bodyOf, sqsHandler } from './sqsHandler.js';
import { finalizerDependencies } from './wiring/finalizerDependencies.js';
import { once } from './wiring/once.js';

/** Finalize queue → exactly one report, snapshot, archive and release per run. */
export const createFinalizerHandler = (getDeps: () => FinalizerDependencies) =>
  sqsHandler(new BatchProcessor(EventType.SQS), async (record) => {
    const { tenantId, runId } = bodyOf(record, FinalizeMessageSchema);
    const { finalizeLeaseMs, ...deps } = getDeps();
    const finalized = await finalizeRun(tenantId, runId, {
      ...deps,
      now: () => new Date(),
      ...(finalizeLeaseMs === undefined ? {} : { leaseMs: finalizeLeaseMs }),
    });
    logger.info('run finalized', { tenant: tenantId, runId, ...finalized });
    if (finalized.outcome !== 'finalized') return;
    metrics.addMetric('runs_finalized', MetricUnit.Count, 1);
    // A report email SES refused: the run is finalized all the same; the metric's alarm tells the operators.
    if (finalized.email === 'failed') {
      logger.error('report email not sent', { tenant: tenantId, runId });
      metrics.addMetric(METRICS.reportEmailsFailed, MetricUnit.Count, 1);
    }
  });

export const handler = createFinalizerHandler(once(finalizerDependencies));
