import { describeV4Errors, v4ErrorsOf } from '../../lambdas/adapters/joor/index.js';
import { type Answer, describeError, type Reply } from './upsertTrial.js';

/** What JOOR answered, as a table cell: its status, or why there was no usable answer. */
export const describeAnswer = (answer: Answer): string => {
  if ('error' in answer) return describeError(answer.error);
  const errors = v4ErrorsOf(answer.body);
  return errors.length === 0
    ? `HTTP ${answer.status}`
    : `HTTP ${answer.status} with errors: ${describeV4Errors(errors)}`;
};

/** Whether JOOR answered with one of these statuses. */
export const answeredWith = (answer: Answer, ...statuses: number[]): answer is Reply =>
  !('error' in answer) && statuses.includes(answer.status);
