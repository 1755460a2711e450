import { Logger } from '@aws-lambda-powertools/logger';
import { Metrics } from '@aws-lambda-powertools/metrics';
import { Tracer } from '@aws-lambda-powertools/tracer';
import { METRICS } from './metrics/index.js';

/**
 * Created once per container: every handler logs and counts through these (run id, tenant, counts; no customer data).
 * The service is named here and nowhere else: Powertools takes a name given in code over POWERTOOLS_SERVICE_NAME, and
 * the local platform runs these handlers without the stack's environment.
 */
export const logger = new Logger({ serviceName: METRICS.service });
export const metrics = new Metrics({ namespace: METRICS.namespace, serviceName: METRICS.service });
/** X-Ray traces of every function; the AWS SDK clients are captured where they are made (wiring/). */
export const tracer = new Tracer({ serviceName: METRICS.service });
