import { describe, expect, it } from 'vitest';
import { nextAfterUnreadable, unreadableFailures } from '../../../lambdas/core/sending/index.js';

describe('posts answered by something that is not JOOR', () => {
  it('are tried again after a wait that doubles, until the tenant’s tries are spent', () => {
    expect(nextAfterUnreadable(1, 3, 60_000)).toEqual({ kind: 'retry', waitMs: 2_000 });
    expect(nextAfterUnreadable(2, 3, 60_000)).toEqual({ kind: 'retry', waitMs: 4_000 });
    expect(nextAfterUnreadable(3, 3, 60_000)).toEqual({ kind: 'fail' });
    expect(nextAfterUnreadable(1, 1, 60_000)).toEqual({ kind: 'fail' });
  });

  it('are left to the next delivery when this one has no time for the wait and a post', () => {
    expect(nextAfterUnreadable(2, 3, 15_000)).toEqual({ kind: 'later' });
  });

  it('fail the batch’s customers quoting the last answer, to be sent again with the next file', () => {
    expect(unreadableFailures(['C1'], 3, 'HTTP 200: "<html>"')).toEqual([
      {
        customerCode: 'C1',
        status: 'failed',
        code: 'joor_unreadable',
        message:
          'Not synced: posted 3 times, never with an answer from JOOR itself (last: HTTP 200: "<html>"); it is sent again with the next file',
        retryable: true,
      },
    ]);
  });
});
