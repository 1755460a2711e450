import { Logger } from '@aws-lambda-powertools/logger';
import { Metrics } from '@aws-lambda-powertools/metrics';

/** Created once per container: every handler logs and counts through these (run id, tenant, counts; no customer data). */
export const logger = new Logger({ serviceName: 'customer-sync' });
export const metrics = new Metrics({ namespace: 'CustomerSync', serviceName: 'customer-sync' });

/** Logs a record's failure before the batch utility reports it to SQS (which would otherwise keep it silent). */
export const loggingFailures =
  <T extends { messageId: string }>(handle: (record: T) => Promise<void>) =>
  async (record: T): Promise<void> => {
    try {
      await handle(record);
    } catch (error) {
      logger.error('record failed', { messageId: record.messageId, error: error as Error });
      throw error;
    }
  };
