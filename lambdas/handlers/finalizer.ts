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
import { platformMetric } from './platformMetric.js';
import { bodyOf, deliveryIdOf, sqsHandler } from './sqsHandler.js';
import { finalizerDependencies } from './wiring/finalizerDependencies.js';
import { once } from './wiring/once.js';

/**
 * Seconds before a finalizer tries its tenant's throttled reports again. SES's guide says to wait up to 10 minutes
 * after a throttling answer; a sending-rate throttling (the busy top of the hour) passes within seconds, and a report
 * is due within 6 minutes of its upload, so the next try comes well within that. A daily quota spent costs one
 * throttled send per held tenant each time until it frees; the quota alarm (80%) is there to prevent that.
 */
export const HELD_RETRY_SECONDS = 120;

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
      if (after === 'closed') platformMetric(METRICS.runsNotProcessed, MetricUnit.Count, 1);
      return;
    }
    log.info('run finalized', { ...finalized });
    // Reports held while the tenant's config could not be read go now that it was read (a repeated delivery, found
    // `duplicate`, finishes what a dead one left), and so do reports SES throttled, this run's own among them.
    // A duplicate delivery may find the config unreadable again: the held reports then wait for the next run.
    const config = await deps.loadTenant(tenantId).catch(() => undefined);
    const held = config
      ? await sendHeldReports(deps.store, config, deps.mailer, { finalizedRun: runId })
      : { sent: [] as string[], held: [] as string[] };
    if (held.sent.length > 0) log.info('held reports emailed', { runs: held.sent });
    if (held.held.length > 0 && deps.finalizeQueue) {
      // SES throttles still: this message comes back to try them again (a finalize message of a finished run is
      // answered `duplicate` and goes on to the held reports, so sending it twice is harmless).
      log.warn('report emails held: SES throttles', { runs: held.held, retryInSeconds: HELD_RETRY_SECONDS });
      await deps.finalizeQueue.send([
        { body: JSON.stringify({ tenantId, runId }), delaySeconds: HELD_RETRY_SECONDS },
      ]);
    }
    // Published once per run: a repeated delivery finds the claim done and answers `duplicate`.
    if (finalized.outcome !== 'finalized') return;
    // The tenant's figures are in the `run finalized` line above (its tenantId, counts, status, durationMs) and in
    // the stored report; the metrics are the platform's.
    // One count per run of "could not be processed", whichever handler closed it: the run's end is counted here or
    // by the finalize dead-letter handler, never both (the claim is done once).
    if (finalized.notProcessed) platformMetric(METRICS.runsNotProcessed, MetricUnit.Count, 1);
    const { counts } = finalized;
    platformMetric(METRICS.runs, MetricUnit.Count, 1, { outcome: finalized.status });
    platformMetric(METRICS.rows, MetricUnit.Count, counts.rows);
    platformMetric(METRICS.rowsRejected, MetricUnit.Count, counts.rejectedRows);
    platformMetric(METRICS.customersAccepted, MetricUnit.Count, counts.accepted);
    platformMetric(METRICS.customersFailed, MetricUnit.Count, counts.failed);
    platformMetric(METRICS.runDuration, MetricUnit.Milliseconds, finalized.durationMs);
    if (finalized.email !== 'failed' || held.sent.includes(runId)) return;
    // This run's report SES throttled: held, and sent when SES lets it (not a failure: no alarm, a graph).
    if (held.held.includes(runId)) platformMetric(METRICS.reportEmailsHeld, MetricUnit.Count, 1);
    else {
      // A report email SES refused: the run is finalized all the same; the metric's alarm tells the operators.
      log.error('report email not sent');
      platformMetric(METRICS.reportEmailsFailed, MetricUnit.Count, 1);
    }
  });

export const handler = createFinalizerHandler(once(finalizerDependencies));
