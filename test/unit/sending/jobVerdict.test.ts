import { describe, expect, it } from 'vitest';
import { timedOut, verdictOf } from '../../../lambdas/core/sending/index.js';

const job = (jobId: number, ...customerCodes: string[]) => ({ jobId, customerCodes });

describe('the verdict on a batch’s jobs, from JOOR’s answer for each', () => {
  it('accepts a job’s customers only on its own answer: finished, having processed every record', () => {
    expect(verdictOf([job(7, 'C1', 'C2')], [{ kind: 'finished', jobId: 7, processed: 2 }])).toEqual({
      kind: 'settled',
      outcomes: [
        { customerCode: 'C1', status: 'accepted', jobId: 7 },
        { customerCode: 'C2', status: 'accepted', jobId: 7 },
      ],
    });
  });

  it('fails the customers of a job that processed fewer records than it was sent, JOOR naming none', () => {
    const verdict = verdictOf([job(7, 'C1', 'C2')], [{ kind: 'finished', jobId: 7, processed: 1 }]);
    expect(verdict).toMatchObject({
      kind: 'settled',
      outcomes: [
        { customerCode: 'C1', status: 'failed', code: 'job_incomplete' },
        { customerCode: 'C2', status: 'failed', code: 'job_incomplete' },
      ],
    });
  });

  it('keeps a batch open while any of its jobs is on its way, whatever the others said', () => {
    expect(
      verdictOf(
        [job(7, 'C1'), job(8, 'C2')],
        [
          { kind: 'finished', jobId: 7, processed: 1 },
          { kind: 'running', jobId: 8, status: 'started' },
        ],
      ),
    ).toEqual({ kind: 'open', answer: '"started" (job 8)' });
  });

  it('takes a status JOOR does not document for no failure: open, naming it as such', () => {
    expect(
      verdictOf([job(7, 'C1')], [{ kind: 'running', jobId: 7, status: 'paused', undocumented: true }]),
    ).toEqual({ kind: 'open', answer: '"paused" (job 7), a status JOOR does not document' });
  });

  it('a job JOOR failed: worth posting again, its customers failed in JOOR’s words if not, the other job’s accepted', () => {
    const failed = {
      kind: 'failed',
      jobId: 8,
      status: 'error',
      words: 'Job could not be processed',
    } as const;
    const verdict = verdictOf([job(7, 'C1'), job(8, 'C2')], [{ kind: 'finished', jobId: 7 }, failed]);
    expect(verdict).toEqual({
      kind: 'post_again',
      status: failed,
      outcomes: [
        { customerCode: 'C1', status: 'accepted', jobId: 7 },
        {
          customerCode: 'C2',
          status: 'failed',
          code: 'job_failed',
          message: 'JOOR\'s job 8 ended "error": Job could not be processed',
          retryable: true,
        },
      ],
    });
  });

  it('a job JOOR does not know (404) is worth posting again too', () => {
    expect(
      verdictOf([job(7, 'C1')], [{ kind: 'lost', jobId: 7, words: 'HTTP 404: not found' }]),
    ).toMatchObject({
      kind: 'post_again',
      outcomes: [{ customerCode: 'C1', code: 'job_lost', message: 'JOOR lost job 7 (HTTP 404: not found)' }],
    });
  });

  it('JOOR not answering is no verdict: a 429 carries the wait it asked for', () => {
    expect(verdictOf([job(7, 'C1')], [{ kind: 'wait', ms: 4_000, reason: 'HTTP 429' }])).toEqual({
      kind: 'unanswered',
      answer: 'HTTP 429',
      waitMs: 4_000,
    });
    expect(verdictOf([job(7, 'C1')], [{ kind: 'unavailable', words: 'HTTP 503' }])).toEqual({
      kind: 'unanswered',
      answer: 'HTTP 503',
    });
  });

  it('credentials JOOR refuses leave the result unknown', () => {
    expect(verdictOf([job(7, 'C1')], [{ kind: 'unauthorized', words: 'HTTP 401' }])).toEqual({
      kind: 'unauthorized',
      status: { kind: 'unauthorized', words: 'HTTP 401' },
    });
  });

  it('a job not asked for is not settled', () => {
    expect(verdictOf([job(7, 'C1'), job(8, 'C2')], [{ kind: 'finished', jobId: 7 }])).toMatchObject({
      kind: 'open',
    });
  });
});

describe('a batch past the tenant’s time-out', () => {
  it('fails its customers with how long it was and JOOR’s last answer', () => {
    expect(timedOut([job(7, 'C1')], '24 hours', '"paused" (job 7), a status JOOR does not document')).toEqual(
      [
        {
          customerCode: 'C1',
          status: 'failed',
          code: 'job_timeout',
          message:
            'JOOR\'s job 7 was not finished after 24 hours (last answer: "paused" (job 7), a status JOOR does not document); it is sent again with the next file',
          retryable: true,
        },
      ],
    );
  });
});
