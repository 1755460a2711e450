import { setTimeout as sleep } from 'node:timers/promises';
import type { ReferenceData } from '../config/tenantConfig.js';
import type { Customer } from '../types.js';
import {
  type BulkJob,
  commentOf,
  jobsOf,
  recordErrorMessage,
  recordErrorsOf,
} from './bulkConnectionResponses.js';
import { BULK_CONNECTION_PATH, REFERENCE_DATA_PATHS } from './endpoints.js';
import { JoorError } from './JoorError.js';
import type { JoorHttp } from './JoorHttp.js';
import { toBulkConnectionBody } from './toConnection.js';
import type { CustomerResult, JoorClient, UpsertOutcome } from './types.js';

export interface PollSettings {
  /** First look at a job's status: polls cost credits, so not before it can plausibly be done. */
  firstDelayMs: number;
  maxDelayMs: number;
}

export const DEFAULT_POLL: PollSettings = { firstDelayMs: 2_000, maxDelayMs: 30_000 };

/** Time kept back from the caller's remaining time: to record results and answer SQS. */
const DEADLINE_MARGIN_MS = 2_000;

const failed = (customerCode: string, code: string, message: string, retryable: boolean): CustomerResult => ({
  customerCode,
  status: 'failed',
  code,
  message,
  retryable,
});

/**
 * JOOR's bulk connection API behind the `JoorClient` interface: each batch is one `POST /v2/bulk-connection` (an
 * upsert by `customer_code`), its job polled sparingly until finished. Customers JOOR refuses are recorded with its
 * words and not sent again; the rest of a partly refused batch is sent on its own.
 */
export class BulkConnectionClient implements JoorClient {
  constructor(
    private readonly http: JoorHttp,
    private readonly poll: PollSettings = DEFAULT_POLL,
    private readonly now: () => number = Date.now,
  ) {}

  async upsertCustomers(customers: Customer[], options: { remainingMs: number }): Promise<UpsertOutcome> {
    const deadline = this.now() + options.remainingMs - DEADLINE_MARGIN_MS;
    const results: CustomerResult[] = [];
    let pending = customers;
    try {
      while (pending.length > 0) {
        const { status, body } = await this.http.request(
          'POST',
          BULK_CONNECTION_PATH,
          toBulkConnectionBody(pending),
          deadline,
        );
        const refusedCodes = this.recordRefusals(pending, body, results);
        if (status >= 200 && status < 300) {
          const submitted = pending.filter((customer) => !refusedCodes.has(customer.customerCode));
          if (submitted.length > 0) results.push(...(await this.awaitJob(submitted, body, deadline)));
          break;
        }
        if (refusedCodes.size === 0) {
          // Refused as a whole, with no customer named: the same request would be refused again.
          const message = `JOOR refused the batch (HTTP ${status}): ${commentOf(body, status)}`;
          results.push(...pending.map((c) => failed(c.customerCode, 'joor_rejected', message, false)));
          break;
        }
        // JOOR processed none of them: send again without the customers it named.
        pending = pending.filter((customer) => !refusedCodes.has(customer.customerCode));
      }
    } catch (error) {
      if (!(error instanceof JoorError)) throw error;
      if (error.kind === 'unauthorized') {
        // Sending again cannot help until someone fixes the secret: every customer not yet answered fails with why.
        const answered = new Set(results.map((r) => r.customerCode));
        for (const c of customers)
          if (!answered.has(c.customerCode))
            results.push(failed(c.customerCode, 'joor_unauthorized', error.message, true));
        return { complete: true, results };
      }
      return { complete: false, reason: error.message };
    }
    return { complete: true, results };
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
      return ((body as { data?: Record<string, string>[] })?.data ?? []) as Record<string, string>[];
    };
    const codes = async (path: string) => (await list(path)).map((item) => item.code!).filter(Boolean);
    return {
      priceTypes: (await list(REFERENCE_DATA_PATHS.priceTypes)).map((p) => ({
        currency: p.currency!,
        label: p.label!,
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

  /** Polls the job of a submitted batch until finished, with growing pauses: every poll costs a credit. */
  private async awaitJob(submitted: Customer[], body: unknown, deadline: number): Promise<CustomerResult[]> {
    let job: BulkJob | undefined = jobsOf(body)[0];
    if (!job) throw new JoorError('JOOR accepted the batch but named no job', 'unavailable');
    const jobId = job.bulk_connections_job_id;
    let delay = this.poll.firstDelayMs;
    while (job.status !== 'finished') {
      if (this.now() + delay >= deadline)
        throw new JoorError(`JOOR's job ${jobId} was not finished in time`, 'deadline');
      await sleep(delay);
      delay = Math.min(delay * 2, this.poll.maxDelayMs);
      const answer = await this.http.request('GET', `${BULK_CONNECTION_PATH}/${jobId}`, undefined, deadline);
      if (answer.status !== 200) {
        throw new JoorError(
          `JOOR answered HTTP ${answer.status} for job ${jobId}: ${commentOf(answer.body, answer.status)}`,
          'unavailable',
        );
      }
      job = jobsOf(answer.body).find((j) => j.bulk_connections_job_id === jobId);
      if (!job) throw new JoorError(`JOOR's answer for job ${jobId} did not include it`, 'unavailable');
    }
    const sent = job.connection_record_count ?? submitted.length;
    const processed = job.connection_record_progress ?? sent;
    if (processed >= submitted.length)
      return submitted.map((c) => ({ customerCode: c.customerCode, status: 'accepted', jobId }));
    // JOOR does not say which records it skipped: none of them can be called accepted; the next file sends them again.
    const message = `JOOR's job ${jobId} finished having processed ${processed} of ${submitted.length} records, without naming the others`;
    return submitted.map((c) => failed(c.customerCode, 'job_incomplete', message, true));
  }
}
