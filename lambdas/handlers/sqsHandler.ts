import {
  type BatchProcessor,
  processPartialResponse,
  type SqsFifoPartialProcessorAsync,
} from '@aws-lambda-powertools/batch';
import type { Context, SQSEvent, SQSRecord } from 'aws-lambda';
import { logger, metrics } from './powertools.js';

export type RecordHandler = (record: SQSRecord, context: Context) => Promise<void>;

/**
 * The shape every handler here shares: Powertools' batch processing (failed records reported to SQS, which delivers
 * them again), each failure logged first, metrics published at the end of the invocation.
 */
export const sqsHandler =
  (processor: BatchProcessor | SqsFifoPartialProcessorAsync, handleRecord: RecordHandler) =>
  async (event: SQSEvent, context: Context) => {
    logger.addContext(context);
    const handle = async (record: SQSRecord): Promise<void> => {
      try {
        await handleRecord(record, context);
      } catch (error) {
        logger.error('record failed', { messageId: record.messageId, error: error as Error });
        throw error;
      }
    };
    try {
      return await processPartialResponse(event, handle, processor, { context });
    } finally {
      metrics.publishStoredMetrics();
    }
  };
