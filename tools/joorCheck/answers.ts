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

/** A v4 list answered whole: HTTP 200 and no `errors[]` (which JOOR may send with a 200). */
export const listed = (answer: Answer): answer is Reply =>
  answeredWith(answer, 200) && v4ErrorsOf(answer.body).length === 0;

/** The items of a v4 list answer (`data`), when it is a list. */
export const dataOf = (body: unknown): Record<string, unknown>[] | undefined => {
  const data = (body as { data?: unknown })?.data;
  return Array.isArray(data) ? (data as Record<string, unknown>[]) : undefined;
};
