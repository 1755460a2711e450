import { BatchProcessor, EventType } from '@aws-lambda-powertools/batch';
import { abandonJobChecks, JobCheckMessageSchema } from '../pipeline/index.js';
import type { DeadLetterDependencies } from './Dependencies.js';
import { deadLetterDependencies } from './deadLetter.js';
import { bodyOf, sqsHandler } from './sqsHandler.js';

/**
 * Job-check queue's dead-letter queue → checks that failed on every delivery: the run's batches still waiting on JOOR
 * are recorded "sent, result unknown", so the run still finalizes.
 */
export const createJobsDeadLetterHandler = (getDeps: () => DeadLetterDependencies) =>
  sqsHandler(
    () => new BatchProcessor(EventType.SQS),
    async (record, _context, log) => {
      const message = bodyOf(record, JobCheckMessageSchema);
      await abandonJobChecks(
        message,
        getDeps(),
        `${record.attributes.ApproximateReceiveCount} deliveries of the check failed`,
      );
      log.warn('job checks dead-lettered');
    },
  );

export const handler = createJobsDeadLetterHandler(deadLetterDependencies);
