import type { ReferenceData } from '../config/index.js';
import type { Customer } from '../types.js';

/** What JOOR made of one customer. */
export type CustomerResult =
  | { customerCode: string; status: 'accepted'; jobId: number }
  | {
      customerCode: string;
      status: 'failed';
      /** Stable code: `joor_rejected`, `job_incomplete`, `joor_error`. */
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

/** What a client has spent of its JOOR account since it was made: for the per-tenant metrics. */
export interface JoorUsage {
  requests: number;
  credits: number;
  /** 429s JOOR answered. */
  throttled: number;
}

/** The one interface the pipeline uses: endpoint, payload and polling can change behind it. */
export interface JoorClient {
  upsertCustomers(customers: Customer[], options: { remainingMs: number }): Promise<UpsertOutcome>;
  fetchReferenceData(options: { remainingMs: number }): Promise<ReferenceData>;
  /** Counters since the client was made; a caller takes the difference around its calls. */
  usage(): JoorUsage;
}
