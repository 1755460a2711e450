import type { MetricUnit } from '@aws-lambda-powertools/metrics';
import { metrics } from './powertools.js';

type Unit = (typeof MetricUnit)[keyof typeof MetricUnit];

/**
 * Publishes one value under three dimension sets: `service` alone (the aggregate the platform's alarms watch), with
 * the outcome when there is one (outcome is a dimension, never part of the name), and per tenant. A single metric
 * each, because one invocation may serve several tenants (a consumer batch, a dead-letter batch).
 *
 * @example
 * tenantMetric('files', MetricUnit.Count, 1, { tenantId: 'acme', outcome: 'started' });
 */
export const tenantMetric = (
  name: string,
  unit: Unit,
  value: number,
  { tenantId, outcome }: { tenantId?: string; outcome?: string },
): void => {
  const single = metrics.singleMetric();
  single.addDimensions({});
  if (outcome) single.addDimensions({ outcome });
  if (tenantId) single.addDimensions({ tenant: tenantId, ...(outcome ? { outcome } : {}) });
  single.addMetric(name, unit, value);
};
