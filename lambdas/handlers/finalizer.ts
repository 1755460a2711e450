import { BatchProcessor, EventType } from '@aws-lambda-powertools/batch';
import { MetricUnit } from '@aws-lambda-powertools/metrics';
import {
  closeIfPoisonedFinalize,
  FinalizeMessageSchema,
  finalizeRun,
  sendHeldReports,
} from '../pipeline/index.js';
import type { FinalizerDependencies } from './Dependencies.js';
import { METRICS } from './metrics/index.js';
import { bodyOf, deliveryIdOf, sqsHandler } from './sqsHandler.js';
import { tenantMetric } from './tenantMetrics.js';
import { finalizerDependencies } from './wiring/finalizerDependencies.js';
import { once } from './wiring/once.js';

/** Finalize queue → exactly one report, snapshot, archive and release per run. */
export const createFinalizerHandler = (getDeps: () => FinalizerDependencies) =>
  sqsHandler(new BatchProcessor(EventType.SQS), async (record, _context, log) => {
    const { tenantId, runId } = bodyOf(record, FinalizeMessageSchema);
    const deps = getDeps();
    const now = () => new Date();
    let finalized: Awaited<ReturnType<typeof finalizeRun>>;
    try {
      finalized = await finalizeRun(tenantId, runId, { ...deps, now });
    } catch (error) {
      // Recorded with its cause; a failure that repeats the last one closes the run now (closePoisonedRun.ts).
      const after = await closeIfPoisonedFinalize({ tenantId, runId }, error, deliveryIdOf(record), {
        ...deps,
        now,
      });
      if (after === 'retry') throw error;
      log.error('run closed without its finalizer: it failed the same way again', {
        error: error as Error,
        after,
      });
      if (after === 'closed') tenantMetric(METRICS.runsNotProcessed, MetricUnit.Count, 1, { tenantId });
      return;
    }
    log.info('run finalized', { ...finalized });
    // Reports held while the tenant's config could not be read go now that it was read (a repeated delivery, found
    // `duplicate`, finishes what a dead one left).
    // A duplicate delivery may find the config unreadable again: the held reports then wait for the next run.
    const config = await deps.loadTenant(tenantId).catch(() => undefined);
    const held = config
      ? await sendHeldReports(deps.store, config, deps.mailer, { finalizedRun: runId })
      : [];
    if (held.length > 0) log.info('held reports emailed', { runs: held });
    // Published once per run: a repeated delivery finds the claim done and answers `duplicate`.
    if (finalized.outcome !== 'finalized') return;
    const tenant = { tenantId };
    // One count per run of "could not be processed", whichever handler closed it: the run's end is counted here or
    // by the finalize dead-letter handler, never both (the claim is done once).
    if (finalized.notProcessed) tenantMetric(METRICS.runsNotProcessed, MetricUnit.Count, 1, tenant);
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
