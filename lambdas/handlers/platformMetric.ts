import type { MetricUnit } from '@aws-lambda-powertools/metrics';
import { dimensionSetsOf, type MetricName } from './metrics/index.js';
import { metrics } from './powertools.js';

type Unit = (typeof MetricUnit)[keyof typeof MetricUnit];

/**
 * Publishes one value for the platform: under `service` alone, and with its outcome where the metric is read by
 * outcome (dimensionSetsOf); never per tenant (metrics/metricNames.ts says why). A single metric each, flushed at
 * once, because one invocation may serve several tenants (a consumer batch, a dead-letter batch) and each record's
 * value stands alone.
 *
 * @example
 * platformMetric(METRICS.runs, MetricUnit.Count, 1, { outcome: 'success' });
 */
export const platformMetric = (
  name: MetricName,
  unit: Unit,
  value: number,
  { outcome }: { outcome?: string } = {},
): void => {
  const single = metrics.singleMetric();
  // The default set is `service`; an empty set added first keeps it beside the outcome's own set.
  if (outcome && dimensionSetsOf(name).some((set) => set.includes('outcome'))) {
    single.addDimensions({});
    single.addDimensions({ outcome });
  }
  single.addMetric(name, unit, value);
};
