/**
 * The public face of handlers/metrics/: the names the functions publish under, which the stack's alarms read too. A
 * face of its own, so that the CDK app takes the names without loading every handler (Powertools, the AWS SDK).
 */
export { dimensionSetsOf, METRICS, type MetricName, RUN_OUTCOMES } from './metricNames.js';
