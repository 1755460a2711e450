import {
  type BatchProcessor,
  FullBatchFailureError,
  processPartialResponse,
  SqsFifoPartialProcessorAsync,
} from '@aws-lambda-powertools/batch';
import type { Logger } from '@aws-lambda-powertools/logger';
import type { Context, SQSBatchResponse, SQSEvent, SQSRecord } from 'aws-lambda';
import type * as v from 'valibot';
import { CustomerSyncError } from '../core/index.js';
import { parseRecord } from '../pipeline/index.js';
import { logKeysOf } from './logKeys.js';
import { logger, metrics, tracer } from './powertools.js';

/**
 * A record handed back to its queue for a while (its visibility changed), without being processed: thrown so that the
 * batch processor reports it (and, on a FIFO queue, the rest of its group) as not done.
 */
export class DeliveryDeferred extends CustomerSyncError {
  override name = 'DeliveryDeferred';
  readonly code = 'come_back_later';
  constructor(
    message: string,
    readonly seconds: number,
  ) {
    super(message);
  }
}

/** The queue a record came from: the last part of its event source ARN. */
export const queueNameOf = (record: SQSRecord): string => record.eventSourceARN?.split(':').at(-1) ?? 'queue';

/** One delivery of a message: its id and receive count (a redriven message has a new id). */
export const deliveryIdOf = (record: SQSRecord): string =>
  `${record.messageId}-${record.attributes.ApproximateReceiveCount}`;

/** A record's body parsed with its schema; a malformed one fails here, naming queue, message id and field. */
export const bodyOf = <T>(record: SQSRecord, schema: v.GenericSchema<unknown, T>): T =>
  parseRecord(schema, record.body, `${queueNameOf(record)} message ${record.messageId}`);

/**
 * Handles one record. `log` carries the record's `tenantId` and `runId` on every line (a handler that learns the
 * run later adds it with `log.appendKeys`).
 */
export type RecordHandler = (record: SQSRecord, context: Context, log: Logger) => Promise<void>;

/**
 * The shape every handler here shares: Powertools' batch processing (failed records reported to SQS, which delivers
 * them again), each failure logged first, metrics published at the end of the invocation.
 */
type Processor = BatchProcessor | SqsFifoPartialProcessorAsync;

export interface SqsHandlerOptions {
  /**
   * Called with the invocation's answer before it is given (or, when every record failed, before the invocation
   * fails): the consumer hands its deferred records back to the queue here.
   */
  onBatchEnd?: (response: SQSBatchResponse) => Promise<void>;
}

export const sqsHandler =
  (
    processorOf: Processor | (() => Processor),
    handleRecord: RecordHandler,
    options: SqsHandlerOptions = {},
  ) =>
  async (event: SQSEvent, context: Context) => {
    // A processor keeps the records of the invocation it processes: one per invocation where invocations may overlap
    // in one process (the local platform runs a function's invocations side by side, as Lambda runs containers).
    const processor = typeof processorOf === 'function' ? processorOf() : processorOf;
    logger.addContext(context);
    // The handler's own subsegment under Lambda's, annotated with the tenants it serves (X-Ray filter expressions
    // search annotations: `annotation.tenantId = "acme"`). A no-op outside Lambda.
    const lambdaSegment = tracer.getSegment();
    const segment = lambdaSegment?.addNewSubsegment(`## ${context.functionName}`);
    if (segment) tracer.setSegment(segment);
    tracer.annotateColdStart();
    tracer.addServiceNameAnnotation();
    // Each body is read for its log keys once (a work batch's body is up to 900 KB).
    const logKeys = new Map(event.Records.map((record) => [record.messageId, logKeysOf(record)]));
    const tenants = [...new Set([...logKeys.values()].map((keys) => keys.tenantId).filter(Boolean))];
    if (tenants.length > 0) tracer.putAnnotation('tenantId', tenants.join(','));
    // Records that failed, not counting those handed back on purpose (nor the rest of their group, skipped after them).
    const failures: Error[] = [];
    const handle = async (record: SQSRecord): Promise<void> => {
      // A child per record: records of one invocation may be handled at once and belong to different tenants.
      const log = logger.createChild({ persistentKeys: { ...logKeys.get(record.messageId) } });
      try {
        await handleRecord(record, context, log);
      } catch (error) {
        // A record handed back on purpose (to wait for JOOR) is no failure: it is logged as what it is.
        if (error instanceof DeliveryDeferred) {
          log.info('record handed back', { seconds: error.seconds, reason: error.message });
          throw error;
        }
        log.error('record failed', {
          queue: queueNameOf(record),
          messageId: record.messageId,
          error: error as Error,
        });
        failures.push(error as Error);
        throw error;
      }
    };
    try {
      // On a FIFO queue (the tenant as message group), a failing batch fails only the rest of its own group: the
      // other tenants' batches in the invocation go on instead of waiting out the visibility time-out.
      const response =
        processor instanceof SqsFifoPartialProcessorAsync
          ? await processPartialResponse(event, handle, processor, {
              context,
              skipGroupOnError: true,
              throwOnFullBatchFailure: false,
            })
          : await processPartialResponse(event, handle, processor, {
              context,
              throwOnFullBatchFailure: false,
            });
      await options.onBatchEnd?.(response);
      // Every record failed: the invocation fails, as Powertools does by default, so that the function's errors (and
      // their alarm) count it. Not when the failures are records handed back on purpose, which wait, not fail: a
      // tenant out of JOOR's credits would raise the alarm on every window.
      if (
        event.Records.length > 0 &&
        response.batchItemFailures.length === event.Records.length &&
        failures.length > 0
      )
        throw new FullBatchFailureError(failures);
      return response;
    } finally {
      // Handlers publish single metrics (platformMetric.ts); anything stored goes out here, and an empty
      // publish is skipped rather than warned about on every invocation.
      if (metrics.hasStoredMetrics()) metrics.publishStoredMetrics();
      segment?.close();
      if (lambdaSegment) tracer.setSegment(lambdaSegment);
    }
  };
