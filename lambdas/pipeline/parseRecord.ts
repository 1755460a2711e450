import * as v from 'valibot';
import { CustomerSyncError } from '../core/index.js';

/** JSON that crossed a boundary (an SQS body, an object read back from S3) and is not what the pipeline wrote. */
export class MalformedRecordError extends CustomerSyncError {
  override name = 'MalformedRecordError';
  readonly code = 'malformed_record';
  constructor(
    /** Where the JSON came from: a queue message or an object key. */
    readonly source: string,
    /** The first field at fault, as a dotted path (`customers.3.billing.city`), or `(json)` for bad syntax. */
    readonly field: string,
    reason: string,
  ) {
    super(`${source}: ${field}: ${reason}`);
  }
}

/**
 * Parses JSON from outside the process with its schema, where it enters: after this, types can be trusted, and a
 * malformed record fails here, naming its source and field, instead of deep inside with a TypeError.
 *
 * @example
 * const message = parseRecord(BatchMessageSchema, record.body, `work queue message ${record.messageId}`);
 */
export const parseRecord = <T>(schema: v.GenericSchema<unknown, T>, text: string, source: string): T => {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (error) {
    throw new MalformedRecordError(source, '(json)', (error as Error).message);
  }
  return checkRecord(schema, value, source);
};

/** Checks a value already parsed from JSON with its schema (see `parseRecord`). */
export const checkRecord = <T>(schema: v.GenericSchema<unknown, T>, value: unknown, source: string): T => {
  const result = v.safeParse(schema, value);
  if (result.success) return result.output;
  const issue = result.issues[0];
  throw new MalformedRecordError(source, v.getDotPath(issue) ?? '(root)', issue.message);
};
