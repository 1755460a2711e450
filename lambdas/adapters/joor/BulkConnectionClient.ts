import type { Customer } from '../../core/index.js';
import type {
  CustomerResult,
  JobStatus,
  JoorClient,
  JoorUsage,
  PostedJob,
  PostOutcome,
  UpsertOutcome,
} from '../../core/ports/index.js';
import { resultsOfJob } from '../../core/sending/index.js';
import {
  type BulkJob,
  commentOf,
  envelopeCodeOf,
  isBulkAnswer,
  jobStatusKindOf,
  jobsOf,
  quoteAnswer,
  recordErrorMessage,
  recordErrorsOf,
} from './bulkConnectionResponses.js';
import { type ConnectionForm, DEFAULT_CONNECTION_FORM } from './connectionForm.js';
import { BULK_CONNECTION_PATH } from './endpoints.js';
import { JoorError } from './JoorError.js';
import type { JoorHttp } from './JoorHttp.js';
import { DEFAULT_POLL, jobPolling, type PollSettings } from './jobPolling.js';
import { toBulkConnectionBody } from './toConnection.js';

/** Time kept back from the caller's remaining time: to record results and answer SQS. */
const DEADLINE_MARGIN_MS = 2_000;

interface SubmittedJob {
  job: BulkJob;
  customers: Customer[];
}

type FailedResult = Extract<CustomerResult, { status: 'failed' }>;

const failed = (customerCode: string, code: string, message: string, retryable: boolean): FailedResult => ({
  customerCode,
  status: 'failed',
  code,
  message,
  retryable,
});

/**
 * JOOR's bulk connection API behind the `JoorClient` interface: customers go in bulk requests of `bulkSize`, each one
 * `POST /v2/bulk-connection` (an upsert by `customer_code`), their jobs asked for sparingly. Customers JOOR refuses
 * are recorded with its words and not sent again; the rest of a partly refused batch is sent on its own.
 */
export class BulkConnectionClient implements JoorClient {
  constructor(
    private readonly http: JoorHttp,
    /** Customers per bulk request: JOOR's rate limit makes every request count (SPEC §3). */
    private readonly bulkSize: number,
    private readonly poll: PollSettings = DEFAULT_POLL,
    private readonly now: () => number = Date.now,
    /** The tenant's settings of JOOR's open points (connectionForm.ts). */
    private readonly form: ConnectionForm = DEFAULT_CONNECTION_FORM,
  ) {}

  async postCustomers(customers: Customer[], options: { remainingMs: number }): Promise<PostOutcome> {
    const deadline = this.now() + options.remainingMs - DEADLINE_MARGIN_MS;
    const results: CustomerResult[] = [];
    const jobs: PostedJob[] = [];
    try {
      for (let at = 0; at < customers.length; at += this.bulkSize) {
        const job = await this.submit(customers.slice(at, at + this.bulkSize), results, deadline);
        if (job) {
          const processed = job.job.connection_record_progress ?? job.job.connection_record_count;
          jobs.push({
            jobId: job.job.bulk_connections_job_id,
            customerCodes: job.customers.map((c) => c.customerCode),
            ...(job.job.status === 'finished'
              ? { finished: processed === undefined ? {} : { processed } }
              : {}),
          });
        }
      }
    } catch (error) {
      if (!(error instanceof JoorError)) throw error;
      // A post cut short after some of its requests were answered keeps what JOOR took: those jobs are recorded
      // and checked, the rest is posted later (only when nothing was taken is the whole batch handed back).
      if (jobs.length > 0 || results.length > 0) {
        const answered = new Set([
          ...results.map((r) => r.customerCode),
          ...jobs.flatMap((j) => j.customerCodes),
        ]);
        const rest = customers.filter((c) => !answered.has(c.customerCode));
        const why = error.kind === 'unauthorized' ? 'joor_unauthorized' : 'joor_error';
        for (const c of rest) results.push(failed(c.customerCode, why, error.message, true));
        return { kind: 'posted', jobs, failures: results.filter(isFailure) };
      }
      if (error.kind === 'unauthorized') {
        // Sending again cannot help until someone fixes the secret: every customer fails with why.
        return {
          kind: 'posted',
          jobs,
          failures: customers.map((c) => failed(c.customerCode, 'joor_unauthorized', error.message, true)),
        };
      }
      if (error.kind === 'wait') return { kind: 'wait', ms: error.waitMs ?? 0, reason: error.message };
      if (error.kind === 'unreadable') return { kind: 'unreadable', reason: error.message };
      return { kind: 'unfinished', reason: error.message };
    }
    return { kind: 'posted', jobs, failures: results.filter(isFailure) };
  }

  /**
   * Asks JOOR once for a job (one read): its status in JOOR's words. A 401 has already been met with the secret read
   * again and the token renewed (JoorHttp); one that persists is `unauthorized`.
   */
  async jobStatus(jobId: number, options: { remainingMs: number }): Promise<JobStatus> {
    const deadline = this.now() + options.remainingMs - DEADLINE_MARGIN_MS;
    let answer: { status: number; body: unknown };
    try {
      answer = await this.http.request('GET', `${BULK_CONNECTION_PATH}/${jobId}`, undefined, deadline);
    } catch (error) {
      if (!(error instanceof JoorError)) throw error;
      if (error.kind === 'unauthorized') return { kind: 'unauthorized', words: error.message };
      if (error.kind === 'wait') return { kind: 'wait', ms: error.waitMs ?? 0, reason: error.message };
      return { kind: 'unavailable', words: error.message };
    }
    const words = commentOf(answer.body, answer.status);
    if (answer.status === 404) return { kind: 'lost', jobId, words: `HTTP 404: ${words}` };
    if (answer.status !== 200) return { kind: 'unavailable', words: `HTTP ${answer.status}: ${words}` };
    // An answer that is not JOOR's (a proxy's page) says nothing of the job: asked again, never taken as lost.
    if (!isBulkAnswer(answer.body))
      return {
        kind: 'unavailable',
        words: `an answer that is not JOOR's (${quoteAnswer(answer.body, answer.status)})`,
      };
    const job = jobsOf(answer.body).find((j) => j.bulk_connections_job_id === jobId);
    if (!job) return { kind: 'lost', jobId, words: `JOOR's answer for job ${jobId} did not include it` };
    const status = String(job.status);
    switch (jobStatusKindOf(status)) {
      case 'finished': {
        const processed = job.connection_record_progress ?? job.connection_record_count;
        return { kind: 'finished', jobId, ...(processed === undefined ? {} : { processed }) };
      }
      case 'running':
        return { kind: 'running', jobId, status };
      case 'undocumented':
        return { kind: 'running', jobId, status, undocumented: true };
      case 'failed':
        return {
          kind: 'failed',
          jobId,
          status,
          words: words.startsWith('HTTP ') ? `JOOR reported the job "${status}"` : words,
        };
    }
  }

  /**
   * Posts and waits for the jobs in one call, for the tools (joor-check, the benchmarks): the pipeline posts and
   * checks in separate invocations instead (lambdas/pipeline).
   */
  async upsertCustomers(customers: Customer[], options: { remainingMs: number }): Promise<UpsertOutcome> {
    const deadline = this.now() + options.remainingMs - DEADLINE_MARGIN_MS;
    // postCustomers keeps the margin itself: it is given the caller's own time.
    const posted = await this.postCustomers(customers, options);
    if (posted.kind !== 'posted') return { complete: false, reason: posted.reason };
    const results: CustomerResult[] = [...posted.failures];
    for (const job of posted.jobs)
      if (job.finished)
        results.push(...resultsOfJob(job, { kind: 'finished', jobId: job.jobId, ...job.finished }));
    let waiting = posted.jobs.filter((job) => !job.finished);
    const waited = jobPolling(this.poll, deadline, this.now);
    while (waiting.length > 0) {
      if (!(await waited())) {
        const ids = waiting.map((job) => job.jobId).join(', ');
        return { complete: false, reason: `JOOR's job(s) ${ids} were not finished in time` };
      }
      const still: PostedJob[] = [];
      for (const job of waiting) {
        const status = await this.jobStatus(job.jobId, { remainingMs: deadline - this.now() });
        if (status.kind === 'running' || status.kind === 'wait' || status.kind === 'unavailable')
          still.push(job);
        else results.push(...resultsOfJob(job, status));
      }
      waiting = still;
    }
    return { complete: true, results };
  }

  usage(): JoorUsage {
    return { ...this.http.usage };
  }

  /** Records the customers JOOR's answer names as refused; returns their codes. */
  private recordRefusals(pending: Customer[], body: unknown, results: CustomerResult[]): Set<string> {
    const refused = new Set<string>();
    for (const error of recordErrorsOf(body)) {
      const code =
        error.customer_code ?? (error.index === undefined ? undefined : pending[error.index]?.customerCode);
      if (code === undefined || refused.has(code) || !pending.some((c) => c.customerCode === code)) continue;
      refused.add(code);
      results.push(failed(code, 'joor_rejected', recordErrorMessage(error), false));
    }
    return refused;
  }

  /**
   * Sends one bulk request; customers JOOR names as refused are recorded and, when JOOR processed none of the
   * request, the others are sent again on their own. Returns the job of the customers JOOR took, if any.
   */
  private async submit(
    batch: Customer[],
    results: CustomerResult[],
    deadline: number,
  ): Promise<SubmittedJob | undefined> {
    let pending = batch;
    while (pending.length > 0) {
      const { status, body } = await this.http.request(
        'POST',
        BULK_CONNECTION_PATH,
        toBulkConnectionBody(pending, this.form),
        deadline,
      );
      const refusedCodes = this.recordRefusals(pending, body, results);
      // JOOR's v2 envelope may refuse a request with HTTP 200 and a non-zero `response.code` (no job then): that is
      // a refusal like a 4xx, which the same request would meet again, not an outage to retry.
      const envelope = envelopeCodeOf(body);
      const taken = status >= 200 && status < 300 && (envelope === undefined || envelope === 0);
      if (taken) {
        const submitted = pending.filter((customer) => !refusedCodes.has(customer.customerCode));
        if (submitted.length === 0) return undefined;
        const job = jobsOf(body)[0];
        // A success that is not JOOR's answer (an HTML page with HTTP 200) or names no job: what became of the
        // batch is unknown, and the caller decides how often such a post is worth trying (processBatch).
        if (!job)
          throw new JoorError(
            isBulkAnswer(body)
              ? `JOOR answered the post without naming a job (${quoteAnswer(body, status)})`
              : `the answer to the post was not JOOR's (${quoteAnswer(body, status)})`,
            'unreadable',
            status,
          );
        return { job, customers: submitted };
      }
      if (refusedCodes.size === 0) {
        // Refused as a whole, with no customer named: the same request would be refused again.
        const why = envelope !== undefined && envelope !== 0 ? `response code ${envelope}` : `HTTP ${status}`;
        const message = `JOOR refused the batch (${why}): ${commentOf(body, status)}`;
        results.push(...pending.map((c) => failed(c.customerCode, 'joor_rejected', message, false)));
        return undefined;
      }
      pending = pending.filter((customer) => !refusedCodes.has(customer.customerCode));
    }
    return undefined;
  }
}

const isFailure = (result: CustomerResult): result is FailedResult => result.status === 'failed';
