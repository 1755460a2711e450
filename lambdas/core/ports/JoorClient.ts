import type { Customer } from '../types.js';

/** What JOOR made of one customer. */
export type CustomerResult =
  | { customerCode: string; status: 'accepted'; jobId: number }
  | {
      customerCode: string;
      status: 'failed';
      /**
       * Stable code: `joor_rejected`, `job_incomplete`, `joor_error`, `joor_unauthorized`, `job_failed`,
       * `job_lost`, `job_timeout`, `joor_result_unknown`.
       */
      code: string;
      /** JOOR's own words where it gave any. */
      message: string;
      /** Whether sending it again (with the next file) may help; the client never retries these itself. */
      retryable: boolean;
    };

/**
 * The result of one batch: every customer's result, or the batch handed back whole because it could not be finished
 * before the caller's deadline (the caller lets SQS deliver it again: JOOR upserts, so a resend is harmless).
 */
export type UpsertOutcome =
  | { complete: true; results: CustomerResult[] }
  | { complete: false; reason: string };

/** One background job JOOR started for a bulk request, and the customers it was given. */
export interface PostedJob {
  jobId: number;
  customerCodes: string[];
  /** Present when JOOR's answer to the post already said the job was finished (no need to ask for it). */
  finished?: { processed?: number };
}

/**
 * What one post of a batch came to. `posted`: the jobs JOOR started (none when it refused every customer) and the
 * customers it refused at once. `wait`: nothing was sent; JOOR's credits (or a 429) say to come back after `ms`.
 * `unfinished`: JOOR could not be reached within the retries (5xx, resets, time-outs); nothing is known to be sent.
 * `unreadable`: a success answer that is not JOOR's (an HTML page with HTTP 200, or no job named), quoted in `reason`:
 * whether anything was taken is unknown, and posting again is worth a few tries only.
 */
export type PostOutcome =
  | { kind: 'posted'; jobs: PostedJob[]; failures: Extract<CustomerResult, { status: 'failed' }>[] }
  | { kind: 'wait'; ms: number; reason: string }
  | { kind: 'unfinished'; reason: string }
  | { kind: 'unreadable'; reason: string };

/**
 * What JOOR says of a job when asked once, in its own words. `running`: queued or started, or a status JOOR does not
 * document (`undocumented`: not a failure, so the job is asked for again until the tenant's time-out). `failed`:
 * JOOR reported the job `failed` or `error` (seen in practice). `lost`: JOOR does not know the job (404).
 * `unauthorized`: JOOR refused the credentials even after the secret was read again and the token renewed.
 * `wait`: a 429; `unavailable`: no answer within the retries, or an answer that is not JOOR's.
 */
export type JobStatus =
  | { kind: 'finished'; jobId: number; processed?: number }
  | { kind: 'running'; jobId: number; status: string; undocumented?: true }
  | { kind: 'failed'; jobId: number; status: string; words: string }
  | { kind: 'lost'; jobId: number; words: string }
  | { kind: 'unauthorized'; words: string }
  | { kind: 'wait'; ms: number; reason: string }
  | { kind: 'unavailable'; words: string };

/** What a client has spent of its JOOR account since it was made: for the per-tenant metrics. */
export interface JoorUsage {
  requests: number;
  credits: number;
  /** 429s JOOR answered. */
  throttled: number;
  /** Milliseconds the caller slept for JOOR: its credits, a 429's wait, the back-off before a retry. */
  waitedMs: number;
  /** Milliseconds spent in JOOR's requests, from sending to the answer (or its time-out). */
  requestMs: number;
}

/**
 * The one interface the pipeline uses: endpoint, payload and polling can change behind it. The pipeline posts a
 * batch once (`postCustomers`) and asks for its job later, outside the function that posted it (`jobStatus`);
 * `upsertCustomers` does both in one call for the tools (joor-check, the benchmarks).
 */
export interface JoorClient {
  postCustomers(customers: Customer[], options: { remainingMs: number }): Promise<PostOutcome>;
  jobStatus(jobId: number, options: { remainingMs: number }): Promise<JobStatus>;
  upsertCustomers(customers: Customer[], options: { remainingMs: number }): Promise<UpsertOutcome>;
  /** Counters since the client was made; a caller takes the difference around its calls. */
  usage(): JoorUsage;
}
