import { setTimeout as sleep } from 'node:timers/promises';
import type { ReferenceData } from '../../core/config/index.js';
import type { Customer } from '../../core/index.js';
import type { CustomerResult, JoorClient, JoorUsage, UpsertOutcome } from '../../core/ports/index.js';
import {
  type BulkJob,
  commentOf,
  envelopeCodeOf,
  jobsOf,
  recordErrorMessage,
  recordErrorsOf,
} from './bulkConnectionResponses.js';
import { type ConnectionForm, DEFAULT_CONNECTION_FORM } from './connectionForm.js';
import { BULK_CONNECTION_PATH, REFERENCE_DATA_PATHS } from './endpoints.js';
import { JoorError } from './JoorError.js';
import type { JoorHttp } from './JoorHttp.js';
import { toBulkConnectionBody } from './toConnection.js';
import { describeV4Errors, v4ErrorsOf } from './v4Responses.js';

export interface PollSettings {
  /** First look at a job's status: polls cost credits, so not before it can plausibly be done. */
  firstDelayMs: number;
  maxDelayMs: number;
}

export const DEFAULT_POLL: PollSettings = { firstDelayMs: 2_000, maxDelayMs: 30_000 };

/** Time kept back from the caller's remaining time: to record results and answer SQS. */
const DEADLINE_MARGIN_MS = 2_000;

interface SubmittedJob {
  job: BulkJob;
  customers: Customer[];
}

const failed = (customerCode: string, code: string, message: string, retryable: boolean): CustomerResult => ({
  customerCode,
  status: 'failed',
  code,
  message,
  retryable,
});

/**
 * JOOR's bulk connection API behind the `JoorClient` interface: customers go in bulk requests of `bulkSize`, each one
 * `POST /v2/bulk-connection` (an upsert by `customer_code`), their jobs polled sparingly until finished. Customers JOOR refuses are recorded with its
 * words and not sent again; the rest of a partly refused batch is sent on its own.
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

  async upsertCustomers(customers: Customer[], options: { remainingMs: number }): Promise<UpsertOutcome> {
    const deadline = this.now() + options.remainingMs - DEADLINE_MARGIN_MS;
    const results: CustomerResult[] = [];
    try {
      // Every bulk request goes out first, then the jobs are polled together: JOOR works while we send.
      const jobs: SubmittedJob[] = [];
      for (let at = 0; at < customers.length; at += this.bulkSize) {
        const job = await this.submit(customers.slice(at, at + this.bulkSize), results, deadline);
        if (job) jobs.push(job);
      }
      results.push(...(await this.awaitJobs(jobs, deadline)));
    } catch (error) {
      if (!(error instanceof JoorError)) throw error;
      if (error.kind === 'unauthorized') {
        // Sending again cannot help until someone fixes the secret: every customer not yet answered fails with why.
        const answered = new Set(results.map((r) => r.customerCode));
        for (const c of customers) {
          if (!answered.has(c.customerCode))
            results.push(failed(c.customerCode, 'joor_unauthorized', error.message, true));
        }
        return { complete: true, results };
      }
      return { complete: false, reason: error.message };
    }
    return { complete: true, results };
  }

  usage(): JoorUsage {
    return { ...this.http.usage };
  }

  async fetchReferenceData(options: { remainingMs: number }): Promise<ReferenceData> {
    const deadline = this.now() + options.remainingMs - DEADLINE_MARGIN_MS;
    const list = async (path: string): Promise<Record<string, string>[]> => {
      const { status, body } = await this.http.request('GET', path, undefined, deadline);
      if (status !== 200)
        throw new JoorError(
          `JOOR refused ${path} (HTTP ${status}): ${commentOf(body, status)}`,
          'rejected',
          status,
        );
      // A v4 answer may carry errors with HTTP 200: a list JOOR reports a problem with is not a list to check rows by.
      const errors = v4ErrorsOf(body);
      if (errors.length > 0)
        throw new JoorError(
          `JOOR answered ${path} with errors: ${describeV4Errors(errors)}`,
          'rejected',
          status,
        );
      return ((body as { data?: Record<string, string>[] })?.data ?? []) as Record<string, string>[];
    };
    const codes = async (path: string) => (await list(path)).map((item) => item.code!).filter(Boolean);
    return {
      // JOOR's documented shape: { id, name, currency_code, retail_currency_code }; the label is the name.
      priceTypes: (await list(REFERENCE_DATA_PATHS.priceTypes)).map((p) => ({
        currency: p.currency_code!,
        label: p.name!,
      })),
      paymentTerms: await codes(REFERENCE_DATA_PATHS.paymentTerms),
      shippingMethods: await codes(REFERENCE_DATA_PATHS.shippingMethods),
      salesReps: (await list(REFERENCE_DATA_PATHS.salesReps)).map((r) => ({
        code: r.code!,
        email: r.email!,
      })),
      warehouses: await codes(REFERENCE_DATA_PATHS.warehouses),
      customerGroups: await codes(REFERENCE_DATA_PATHS.customerGroups),
      companyNumbers: await codes(REFERENCE_DATA_PATHS.companyNumbers),
    };
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
        if (!job) throw new JoorError('JOOR accepted the batch but named no job', 'unavailable');
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

  /** Polls submitted jobs until all are finished, with growing pauses between rounds: every poll costs a credit. */
  private async awaitJobs(jobs: SubmittedJob[], deadline: number): Promise<CustomerResult[]> {
    const results: CustomerResult[] = [];
    let waiting = jobs.filter((entry) => entry.job.status !== 'finished');
    results.push(
      ...jobs.filter((entry) => entry.job.status === 'finished').flatMap((entry) => this.resultsOf(entry)),
    );
    let delay = this.poll.firstDelayMs;
    while (waiting.length > 0) {
      if (this.now() + delay >= deadline) {
        const ids = waiting.map((entry) => entry.job.bulk_connections_job_id).join(', ');
        throw new JoorError(`JOOR's job(s) ${ids} were not finished in time`, 'deadline');
      }
      await sleep(delay);
      delay = Math.min(delay * 2, this.poll.maxDelayMs);
      const still: SubmittedJob[] = [];
      for (const entry of waiting) {
        const job = await this.jobStatus(entry.job.bulk_connections_job_id, deadline);
        if (job.status === 'finished') results.push(...this.resultsOf({ ...entry, job }));
        else still.push({ ...entry, job });
      }
      waiting = still;
    }
    return results;
  }

  private async jobStatus(jobId: number, deadline: number): Promise<BulkJob> {
    const answer = await this.http.request('GET', `${BULK_CONNECTION_PATH}/${jobId}`, undefined, deadline);
    if (answer.status !== 200) {
      throw new JoorError(
        `JOOR answered HTTP ${answer.status} for job ${jobId}: ${commentOf(answer.body, answer.status)}`,
        'unavailable',
      );
    }
    const job = jobsOf(answer.body).find((j) => j.bulk_connections_job_id === jobId);
    if (!job) throw new JoorError(`JOOR's answer for job ${jobId} did not include it`, 'unavailable');
    return job;
  }

  private resultsOf({ job, customers }: SubmittedJob): CustomerResult[] {
    const jobId = job.bulk_connections_job_id;
    const processed = job.connection_record_progress ?? job.connection_record_count ?? customers.length;
    if (processed >= customers.length)
      return customers.map((c) => ({ customerCode: c.customerCode, status: 'accepted', jobId }));
    // JOOR does not say which records it skipped: none of them can be called accepted; the next file sends them again.
    const message = `JOOR's job ${jobId} finished having processed ${processed} of ${customers.length} records, without naming the others`;
    return customers.map((c) => failed(c.customerCode, 'job_incomplete', message, true));
  }
}
