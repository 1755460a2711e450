import type { CustomerFailure } from '../core/reporting/index.js';

/** The code of a customer whose batch exhausted its deliveries to the consumer (recordDeadLetter). */
export const DELIVERY_EXHAUSTED = 'delivery_exhausted';
/** The code of a customer JOOR took whose result is not known (its job could not be checked, or not read). */
export const RESULT_UNKNOWN = 'joor_result_unknown';
/** What the job-check dead-letter handler says of each customer whose job it could no longer check. */
export const JOB_CHECKS_EXHAUSTED = 'result unknown: its job could not be checked';

/** The dead-letter queues whose handlers record customers rather than close runs. */
export type CustomerDeadLetterQueue = 'work' | 'jobs';

/**
 * Which dead-letter handler recorded a customer as not synced: the work queue's (its batch never reached JOOR) or
 * the job-check queue's (JOOR had it, its job could not be checked); undefined for JOOR's own answers.
 * `runs --not-processed` finds the runs of those two alarms by it: they end with an Error report, not closed.
 */
export const deadLetterQueueOf = (
  failure: Pick<CustomerFailure, 'code' | 'message'>,
): CustomerDeadLetterQueue | undefined => {
  if (failure.code === DELIVERY_EXHAUSTED) return 'work';
  if (failure.code === RESULT_UNKNOWN && failure.message.includes(JOB_CHECKS_EXHAUSTED)) return 'jobs';
  return undefined;
};
