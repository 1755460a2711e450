import { BatchProcessor, EventType } from '@aws-lambda-powertools/batch';
import { MetricUnit } from '@aws-lambda-powertools/metrics';
import {
  abandonFinalize,
  closingReason,
  FinalizeMessageSchema,
  failedDeliveriesOf,
} from '../pipeline/index.js';
import type { FinalizerDependencies } from './Dependencies.js';
import { METRICS } from './metrics/index.js';
import { platformMetric } from './platformMetric.js';
import { bodyOf, sqsHandler } from './sqsHandler.js';
import { finalizerDependencies } from './wiring/finalizerDependencies.js';
import { once } from './wiring/once.js';

/**
 * Finalize dead-letter queue → a run whose finalizer failed at every delivery is closed without it: the tenant is
 * released and its next file started, and a short report says the run could not be processed.
 */
export const createFinalizeDeadLetterHandler = (getDeps: () => FinalizerDependencies) =>
  sqsHandler(new BatchProcessor(EventType.SQS), async (record, _context, log) => {
    const { tenantId, runId } = bodyOf(record, FinalizeMessageSchema);
    const deps = getDeps();
    const reason = closingReason(
      await failedDeliveriesOf(deps.store, tenantId, runId, 'finalize'),
      'the finalizer failed on every delivery without recording why (it ran out of memory or time, or could not reach S3)',
    );
    const outcome = await abandonFinalize(tenantId, runId, reason, { ...deps, now: () => new Date() });
    log.error('run closed without its finalizer', { outcome });
    if (outcome === 'abandoned') platformMetric(METRICS.runsNotProcessed, MetricUnit.Count, 1);
  });

export const handler = createFinalizeDeadLetterHandler(once(finalizerDependencies));
