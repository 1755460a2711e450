import type { CustomerResult, JobStatus, PostedJob } from '../ports/index.js';

/** A job status that ends the wait for a job: JOOR finished it, failed it, lost it, or refused to say. */
export type ResolvedJobStatus = Exclude<JobStatus, { kind: 'running' | 'wait' | 'unavailable' }>;

/** Every customer of a list failed with one code and JOOR's words; sending them again with the next file may help. */
export const failAll = (codes: string[], code: string, message: string): CustomerResult[] =>
  codes.map((customerCode) => ({ customerCode, status: 'failed', code, message, retryable: true }));

/**
 * What became of a job's customers once JOOR has answered for it: accepted when it finished having processed them
 * all; failed with JOOR's account of it otherwise. JOOR does not say which records a short job skipped, so none of
 * them is called accepted.
 *
 * @example
 * resultsOfJob({ jobId: 7, customerCodes: ['C1'] }, { kind: 'finished', jobId: 7 }); // [{ C1 accepted, job 7 }]
 */
export const resultsOfJob = (job: PostedJob, status: ResolvedJobStatus): CustomerResult[] => {
  const all = (code: string, message: string) => failAll(job.customerCodes, code, message);
  switch (status.kind) {
    case 'finished': {
      const processed = status.processed ?? job.customerCodes.length;
      if (processed >= job.customerCodes.length)
        return job.customerCodes.map((customerCode) => ({
          customerCode,
          status: 'accepted',
          jobId: job.jobId,
        }));
      return all(
        'job_incomplete',
        `JOOR's job ${job.jobId} finished having processed ${processed} of ${job.customerCodes.length} records, without naming the others`,
      );
    }
    case 'failed':
      return all('job_failed', `JOOR's job ${job.jobId} ended "${status.status}": ${status.words}`);
    case 'lost':
      return all('job_lost', `JOOR lost job ${job.jobId} (${status.words})`);
    case 'unauthorized':
      return all(
        'joor_result_unknown',
        `Sent to JOOR (job ${job.jobId}), result unknown: JOOR refused the credentials when asked (${status.words})`,
      );
  }
};
