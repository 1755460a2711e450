/**
 * The families of errors Customer Sync throws on purpose, each by a code that stays when the wording changes: what
 * a handler, a failure record or the CLI tells them apart by.
 */
export type ErrorCode =
  /** A file's bytes cannot be read as delimited text (reading, `init`). */
  | 'unreadable_file'
  /** A tenant config that is missing or does not pass its schema: nothing a retry can mend. */
  | 'invalid_config'
  /** A JOOR call that did not succeed (adapters/joor): its kind says how. */
  | 'joor_call'
  /** JSON that crossed a boundary (an SQS body, an object read back from S3) and is not what the pipeline wrote. */
  | 'malformed_record'
  /** A delivery failed on purpose so that its queue brings it back later: not the run failing. */
  | 'come_back_later'
  /** What a person at the command line has to change: said without a stack trace. */
  | 'operator_input'
  /** A crash the fault injector causes on purpose (tools/faults). */
  | 'injected_crash'
  /** A service answered that it is over its sending rate or quota (SES): the work is held and done later. */
  | 'throttled';

/**
 * The one base of the project's own errors, as each Powertools package keeps one (its errors extend a base of the
 * package, each naming itself): every class says its name (minified bundles lose class names) and its family's code;
 * Error's own `{ cause }` option carries what it wraps.
 *
 * @example
 * export class UsageError extends CustomerSyncError {
 *   override name = 'UsageError';
 *   readonly code = 'operator_input';
 * }
 * if (error instanceof CustomerSyncError && error.code === 'operator_input') console.error(error.message);
 */
export abstract class CustomerSyncError extends Error {
  abstract readonly code: ErrorCode;
}
