import {
  type BatchProcessor,
  processPartialResponse,
  SqsFifoPartialProcessorAsync,
} from '@aws-lambda-powertools/batch';
import type { Context, SQSEvent, SQSRecord } from 'aws-lambda';
import type * as v from 'valibot';
import { parseRecord } from '../pipeline/index.js';
import { logger, metrics } from './powertools.js';

/** The queue a record came from: the last part of its event source ARN. */
export const queueNameOf = (record: SQSRecord): string => record.eventSourceARN?.split(':').at(-1) ?? 'queue';

/** A record's body parsed with its schema; a malformed one fails here, naming queue, message id and field. */
export const bodyOf = <T>(record: SQSRecord, schema: v.GenericSchema<unknown, T>): T =>
  parseRecord(schema, record.body, `${queueNameOf(record)} message ${record.messageId}`);

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
        logger.error('record failed', {
          queue: queueNameOf(record),
          messageId: record.messageId,
          error: error as Error,
        });
        throw error;
      }
    };
    try {
      // On a FIFO queue (the tenant as message group), a failing batch fails only the rest of its own group: the
      // other tenants' batches in the invocation go on instead of waiting out the visibility time-out.
      return processor instanceof SqsFifoPartialProcessorAsync
        ? await processPartialResponse(event, handle, processor, { context, skipGroupOnError: true })
        : await processPartialResponse(event, handle, processor, { context });
    } finally {
      metrics.publishStoredMetrics();
    }
  };
