import { Logger } from '@aws-lambda-powertools/logger';
import { Metrics } from '@aws-lambda-powertools/metrics';

/** Created once per container: every handler logs and counts through these (run id, tenant, counts; no customer data). */
export const logger = new Logger({ serviceName: 'customer-sync' });
export const metrics = new Metrics({ namespace: 'CustomerSync', serviceName: 'customer-sync' });
