import { BatchProcessor, EventType } from '@aws-lambda-powertools/batch';
import { MetricUnit } from '@aws-lambda-powertools/metrics';
import { FinalizeMessageSchema, finalizeRun } from '../pipeline/index.js';
import type { FinalizerDependencies } from './Dependencies.js';
import { METRICS } from './metricNames.js';
import { bodyOf, sqsHandler } from './sqsHandler.js';
import { tenantMetric } from './tenantMetrics.js';
import { finalizerDependencies } from './wiring/finalizerDependencies.js';
import { once } from './wiring/once.js';

/** Finalize queue → exactly one report, snapshot, archive and release per run. */
export const createFinalizerHandler = (getDeps: () => FinalizerDependencies) =>
  sqsHandler(new BatchProcessor(EventType.SQS), async (record, _context, log) => {
    const { tenantId, runId } = bodyOf(record, FinalizeMessageSchema);
    const { finalizeLeaseMs, ...deps } = getDeps();
    const finalized = await finalizeRun(tenantId, runId, {
      ...deps,
      now: () => new Date(),
      ...(finalizeLeaseMs === undefined ? {} : { leaseMs: finalizeLeaseMs }),
    });
    log.info('run finalized', { ...finalized });
    // Published once per run: a repeated delivery finds the claim done and answers `duplicate`.
    if (finalized.outcome !== 'finalized') return;
    const tenant = { tenantId };
    const { counts } = finalized;
    tenantMetric(METRICS.runs, MetricUnit.Count, 1, { ...tenant, outcome: finalized.status });
    tenantMetric(METRICS.rows, MetricUnit.Count, counts.rows, tenant);
    tenantMetric(METRICS.rowsRejected, MetricUnit.Count, counts.rejectedRows, tenant);
    tenantMetric(METRICS.customersAccepted, MetricUnit.Count, counts.accepted, tenant);
    tenantMetric(METRICS.customersFailed, MetricUnit.Count, counts.failed, tenant);
    tenantMetric(METRICS.runDuration, MetricUnit.Milliseconds, finalized.durationMs, tenant);
    // A report email SES refused: the run is finalized all the same; the metric's alarm tells the operators.
    if (finalized.email === 'failed') {
      log.error('report email not sent');
      tenantMetric(METRICS.reportEmailsFailed, MetricUnit.Count, 1, tenant);
    }
  });

export const handler = createFinalizerHandler(once(finalizerDependencies));
