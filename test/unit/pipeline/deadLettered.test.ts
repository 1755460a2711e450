import { describe, expect, it } from 'vitest';
import { deadLetterQueueOf } from '../../../lambdas/pipeline/deadLettered.js';

describe('which dead-letter handler recorded a customer as not synced', () => {
  it('tells the work queue’s and the job-check queue’s from JOOR’s own answers', () => {
    expect(deadLetterQueueOf({ code: 'delivery_exhausted', message: 'Not synced: …' })).toBe('work');
    expect(
      deadLetterQueueOf({
        code: 'joor_result_unknown',
        message:
          'Sent to JOOR (job 7), result unknown: its job could not be checked (5 deliveries of the check failed)',
      }),
    ).toBe('jobs');
    // JOOR refusing the credentials when asked about a job is JOOR's answer, not a dead-letter queue's.
    expect(
      deadLetterQueueOf({
        code: 'joor_result_unknown',
        message: 'Sent to JOOR (job 7), result unknown: JOOR refused the credentials when asked (401)',
      }),
    ).toBeUndefined();
    expect(deadLetterQueueOf({ code: 'joor_rejected', message: 'email: not valid' })).toBeUndefined();
  });
});
