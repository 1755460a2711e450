import type { CustomerResult } from '../ports/index.js';
import { failAll } from './jobResults.js';

/** The wait before posting again after an answer that is not JOOR's; twice as long after each such answer. */
export const UNREADABLE_BACKOFF_MS = 2_000;
/** Time a post needs to be worth starting: JOOR's own retries of one request (JoorHttp) fit in it. */
const POST_TIME_MS = 20_000;

/** The stable code of customers whose batch's posts were never answered by JOOR itself. */
export const UNREADABLE_CODE = 'joor_unreadable';

/**
 * What to do after the `tries`-th post of a batch was answered with something that is not JOOR's (`limit`: the
 * tenant's `joor.unreadablePostTries`): `fail` its customers once the tries are spent; else `retry` after a wait that
 * doubles with each try, when the delivery has time for the wait and a post; else `later`: the next delivery of the
 * batch goes on from the count recorded in its post record.
 *
 * @example
 * nextAfterUnreadable(1, 3, 60_000); // { kind: 'retry', waitMs: 2000 }
 * nextAfterUnreadable(3, 3, 60_000); // { kind: 'fail' }
 */
export const nextAfterUnreadable = (
  tries: number,
  limit: number,
  remainingMs: number,
): { kind: 'fail' } | { kind: 'retry'; waitMs: number } | { kind: 'later' } => {
  if (tries >= limit) return { kind: 'fail' };
  const waitMs = UNREADABLE_BACKOFF_MS * 2 ** (tries - 1);
  return remainingMs - waitMs >= POST_TIME_MS ? { kind: 'retry', waitMs } : { kind: 'later' };
};

/** A batch's customers failed after its posts were answered `tries` times by something that is not JOOR. */
export const unreadableFailures = (codes: string[], tries: number, lastAnswer: string): CustomerResult[] =>
  failAll(
    codes,
    UNREADABLE_CODE,
    `Not synced: posted ${tries} ${tries === 1 ? 'time' : 'times'}, never with an answer from JOOR itself (last: ${lastAnswer}); it is sent again with the next file`,
  );
