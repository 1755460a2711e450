import type { Faults } from './faults.js';
import { v2Answer } from './http.js';
import { keptFields } from './keptFields.js';
import type { Answer, EmulatedAccount, EmulatorProfile, EmulatorStats } from './types.js';
import { type FieldError, validateConnection } from './validateConnection.js';

interface Job {
  id: number;
  accountId: string;
  status: 'queued' | 'started' | 'finished';
  records: Record<string, unknown>[];
  processed: number;
  createdAt: number;
  /** When the job last changed (queued → started → finished), for JOOR's `modified`. */
  modifiedAt: number;
  finishAt: number;
  short: boolean;
}

/** A job as the tenants benchmark reads it back: when it was queued and last changed, and how many records it had. */
export interface JobRecord {
  id: number;
  status: Job['status'];
  records: number;
  createdAt: number;
  modifiedAt: number;
}

export interface BulkJobsOptions {
  profile: EmulatorProfile;
  job?: { baseMs: number; perRecordMs: number };
  partial?: 'accept-valid' | 'reject-batch';
  faults: Faults;
  now: () => number;
  chance: (share: number) => boolean;
}

/** The bulk connection API: requests validated and queued as jobs that upsert connections by `customer_code`. */
export class BulkJobs {
  /** Connections by account, then by customer code, as JOOR holds them. */
  readonly connections = new Map<string, Map<string, Record<string, unknown>>>();
  private readonly jobs = new Map<number, Job>();
  private readonly timers = new Set<NodeJS.Timeout>();
  /** Job-status reads answered, by account (a read of another account's job, answered 404, counts for the asker). */
  private readonly reads = new Map<string, number>();
  private nextJobId = 1;

  constructor(
    private readonly options: BulkJobsOptions,
    private readonly stats: EmulatorStats,
  ) {}

  connectionsOf(accountId: string): Map<string, Record<string, unknown>> {
    return this.connections.get(accountId) ?? new Map();
  }

  submit(account: EmulatedAccount, text: string): Answer {
    let records: Record<string, unknown>[];
    try {
      records =
        (JSON.parse(text) as { bulk_connections?: { connection?: Record<string, unknown>[] } })
          .bulk_connections?.connection ?? [];
    } catch {
      return { status: 400, body: v2Answer(1, 'Malformed JSON body') };
    }
    if (!Array.isArray(records) || records.length === 0)
      return {
        status: 400,
        body: v2Answer(1, 'bulk_connections.connection must list at least one connection'),
      };
    const errors: FieldError[] = [];
    const valid: Record<string, unknown>[] = [];
    records.forEach((record, index) => {
      const found = validateConnection(record, index, account.referenceData, this.options.profile);
      if (found.length === 0 && this.options.chance(this.options.faults.invalid)) {
        this.stats.injected.invalid += 1;
        found.push({
          customer_code: String(record.customer_code),
          index,
          field: 'customer_name',
          message: 'customer_name contains characters JOOR does not accept (injected)',
        });
      }
      if (found.length > 0) errors.push(...found);
      else valid.push(keptFields(record, this.options.profile));
    });
    const refused = new Set(errors.map((e) => e.index)).size;
    this.stats.refusedRecords += refused;
    if (
      errors.length > 0 &&
      (valid.length === 0 || this.options.partial === 'reject-batch' || this.options.profile !== 'documented')
    ) {
      const comment = `${refused} connection(s) failed validation; none were queued`;
      const first = errors[0]!;
      switch (this.options.profile) {
        case 'no-record-errors':
          return { status: 400, body: v2Answer(1, `${comment}: ${first.message}`) };
        case 'refusal-in-envelope':
          return { status: 200, body: v2Answer(1, `${comment}: ${first.message}`) };
        default:
          return { status: 400, body: v2Answer(1, comment, { errors }) };
      }
    }
    const job = this.queue(account.accountId, valid);
    const comment =
      errors.length > 0
        ? `Queued ${valid.length} connection(s); ${records.length - valid.length} failed validation`
        : 'Queued';
    return {
      status: 200,
      body: v2Answer(0, comment, {
        bulk_connections_jobs: [this.view(job)],
        ...(errors.length > 0 ? { errors } : {}),
      }),
    };
  }

  status(account: EmulatedAccount, id: number): Answer {
    this.reads.set(account.accountId, (this.reads.get(account.accountId) ?? 0) + 1);
    const job = this.jobs.get(id);
    if (!job || job.accountId !== account.accountId)
      return { status: 404, body: v2Answer(1, `Job ${id} not found`) };
    if (job.status === 'queued' && this.options.now() - job.createdAt > (job.finishAt - job.createdAt) / 2) {
      job.status = 'started';
      job.modifiedAt = this.options.now();
    }
    return { status: 200, body: v2Answer(0, 'OK', { bulk_connections_jobs: [this.view(job)] }) };
  }

  /** The account's jobs, oldest first, and the job-status reads it made: what its run cost JOOR. */
  activityOf(accountId: string): { jobs: JobRecord[]; jobReads: number } {
    const jobs = [...this.jobs.values()]
      .filter((job) => job.accountId === accountId)
      .map((job) => ({
        id: job.id,
        status: job.status,
        records: job.status === 'finished' ? job.processed : job.records.length,
        createdAt: job.createdAt,
        modifiedAt: job.modifiedAt,
      }));
    return { jobs, jobReads: this.reads.get(accountId) ?? 0 };
  }

  clear(): void {
    this.connections.clear();
    this.jobs.clear();
    this.reads.clear();
  }

  stop(): void {
    for (const timer of this.timers) clearTimeout(timer);
  }

  private queue(accountId: string, records: Record<string, unknown>[]): Job {
    const { baseMs, perRecordMs } = this.options.job ?? { baseMs: 50, perRecordMs: 1 };
    const now = this.options.now();
    const job: Job = {
      id: this.nextJobId++,
      accountId,
      status: 'queued',
      records,
      processed: 0,
      createdAt: now,
      modifiedAt: now,
      finishAt: now + baseMs + perRecordMs * records.length,
      short: this.options.chance(this.options.faults.short),
    };
    if (job.short) this.stats.injected.short += 1;
    this.jobs.set(job.id, job);
    this.stats.jobs += 1;
    const timer = setTimeout(() => {
      this.timers.delete(timer);
      this.finish(job);
    }, job.finishAt - now);
    timer.unref();
    this.timers.add(timer);
    return job;
  }

  /** Upserts the job's records by customer_code: sending one twice updates it, never creates it twice. */
  private finish(job: Job): void {
    const records = job.short ? job.records.slice(0, -1) : job.records;
    let connections = this.connections.get(job.accountId);
    if (!connections) {
      connections = new Map();
      this.connections.set(job.accountId, connections);
    }
    for (const record of records) {
      const code = String(record.customer_code);
      if (connections.has(code)) this.stats.updates += 1;
      else this.stats.creates += 1;
      connections.set(code, record);
    }
    job.processed = records.length;
    job.status = 'finished';
    job.modifiedAt = this.options.now();
    job.records = [];
  }

  private view(job: Job) {
    const count =
      job.status === 'finished' ? (job.short ? job.processed + 1 : job.processed) : job.records.length;
    return {
      bulk_connections_job_id: job.id,
      status: job.status,
      connection_record_count: count,
      connection_record_progress: job.status === 'finished' ? job.processed : 0,
      // JOOR's job GET (bulk-connection-job-get) names these `created` and `modified`.
      created: new Date(job.createdAt).toISOString(),
      modified: new Date(job.modifiedAt).toISOString(),
    };
  }
}
