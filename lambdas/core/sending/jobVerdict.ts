import type { CustomerResult, JobStatus, PostedJob } from '../ports/index.js';
import { failAll, resultsOfJob } from './jobResults.js';

/**
 * What a batch's jobs came to, from JOOR's answers when each of its jobs was asked for once:
 * - `settled`: JOOR's final answer was read for every job; each customer is accepted (its job finished having
 *   processed every record) or failed in JOOR's words;
 * - `post_again`: JOOR failed or lost a job, where posting again may help; `outcomes` stand if it is not posted;
 * - `unauthorized`: JOOR refused the credentials, so what became of the customers cannot be known;
 * - `open`: a job is still on its way, or in a status JOOR does not document (no failure: asked again);
 * - `unanswered`: JOOR did not answer (a 429, with the wait it asked for, or no answer within the retries).
 */
export type JobVerdict =
  | { kind: 'settled'; outcomes: CustomerResult[] }
  | {
      kind: 'post_again';
      status: Extract<JobStatus, { kind: 'failed' | 'lost' }>;
      outcomes: CustomerResult[];
    }
  | { kind: 'unauthorized'; status: Extract<JobStatus, { kind: 'unauthorized' }> }
  | { kind: 'open'; answer: string }
  | { kind: 'unanswered'; answer: string; waitMs?: number };

/**
 * The verdict on a batch's jobs from one answer for each, in the order of `jobs` (answers may stop early, at the
 * first that JOOR did not give). No customer is accepted but on its own job's final answer.
 *
 * @example
 * verdictOf([{ jobId: 7, customerCodes: ['C1'] }], [{ kind: 'finished', jobId: 7, processed: 1 }]);
 * // { kind: 'settled', outcomes: [{ customerCode: 'C1', status: 'accepted', jobId: 7 }] }
 */
export const verdictOf = (jobs: PostedJob[], answers: JobStatus[]): JobVerdict => {
  for (const answer of answers) {
    if (answer.kind === 'wait') return { kind: 'unanswered', answer: answer.reason, waitMs: answer.ms };
    if (answer.kind === 'unavailable') return { kind: 'unanswered', answer: answer.words };
  }
  const refused = answers.find((answer) => answer.kind === 'unauthorized');
  if (refused) return { kind: 'unauthorized', status: refused };
  const open = answers.find((answer) => answer.kind === 'running');
  if (open) return { kind: 'open', answer: answerWords(open) };
  if (answers.length < jobs.length) return { kind: 'open', answer: 'not every job asked for' };
  const outcomes = jobs.flatMap((job, k) => {
    const answer = answers[k]!;
    return answer.kind === 'finished' || answer.kind === 'failed' || answer.kind === 'lost'
      ? resultsOfJob(job, answer)
      : [];
  });
  const gone = answers.find((answer) => answer.kind === 'failed' || answer.kind === 'lost');
  if (gone) return { kind: 'post_again', status: gone, outcomes };
  return { kind: 'settled', outcomes };
};

/** A job still on its way, in JOOR's words for the watch and the time-out: its status, said to be undocumented. */
const answerWords = (status: Extract<JobStatus, { kind: 'running' }>): string =>
  `"${status.status}" (job ${status.jobId})${status.undocumented ? ', a status JOOR does not document' : ''}`;

/**
 * The customers of a batch whose jobs were not finished within the tenant's time-out, failed with how long it was
 * and what JOOR last said of them (a status it does not document is named as such).
 */
export const timedOut = (jobs: PostedJob[], after: string, lastAnswer: string): CustomerResult[] => {
  const ids = jobs.map((job) => job.jobId).join(', ');
  const words = `JOOR's job ${ids} was not finished after ${after} (last answer: ${lastAnswer}); it is sent again with the next file`;
  return jobs.flatMap((job) => failAll(job.customerCodes, 'job_timeout', words));
};
