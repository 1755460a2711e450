import type { TenantConfig } from '../../lambdas/core/config/tenantConfig.js';
import type { JoorClient } from '../../lambdas/core/ports/index.js';
import { abandonFinalize } from '../../lambdas/pipeline/abandonFinalize.js';
import { abandonStart } from '../../lambdas/pipeline/abandonStart.js';
import { finalizeRun } from '../../lambdas/pipeline/finalizeRun.js';
import { objectCreatedEvent, startRequestsOf } from '../../lambdas/pipeline/inboxMessages.js';
import { abandonJobChecks, checkJobs } from '../../lambdas/pipeline/jobChecks.js';
import { keys } from '../../lambdas/pipeline/keys.js';
import { loadTenantConfig } from '../../lambdas/pipeline/loadTenantConfig.js';
import { processBatch, recordDeadLetter } from '../../lambdas/pipeline/processBatch.js';
import type { BatchMessage, FinalizeMessage, JobCheckMessage } from '../../lambdas/pipeline/runTypes.js';
import { startRun } from '../../lambdas/pipeline/startRun.js';
import { DEFAULT_TENANT_BOUNDS, type TenantBounds } from '../../lambdas/pipeline/tenantBounds.js';
import type { CrashSchedule } from './crashSchedule.js';
import { type JoorHarness, startJoor } from './joor.js';
import { MemoryMailer, MemoryObjectStore, MemoryQueue } from './memory.js';

export const BUCKET = 'customer-sync-test';
/** The finalize queue's visibility time-out: a failed delivery comes back after it (longer than the lease). */
const FINALIZE_VISIBILITY_MS = 30 * 60_000;
/** Deliveries a dead-letter handler gets in the harness before the test gives up on it. */
const DEAD_LETTER_ATTEMPTS = 20;

export interface DeliveryHooks {
  /** Called before a work message is processed; return false to make that delivery fail (as a crash would). */
  beforeBatch?: (message: BatchMessage, receive: number) => boolean;
  /** Receives before a work message goes to the dead-letter queue. */
  maxReceives?: number;
  /** Counts the handlers' port calls and makes one of them crash. */
  crashes?: CrashSchedule;
}

/**
 * The pipeline's real functions over in-memory S3 and SQS, with the real JOOR client against the emulator: the
 * run lifecycle without AWS. Messages are delivered the way SQS would: again after a failure, to the DLQ at last.
 */
export class PipelineHarness {
  readonly store = new MemoryObjectStore();
  readonly inbox = new MemoryQueue();
  readonly work = new MemoryQueue();
  readonly finalize = new MemoryQueue();
  /** The job-check queue: its messages are delayed, and come when the harness's clock reaches them. */
  readonly jobs = new MemoryQueue();
  readonly mailer = new MemoryMailer();
  /** The platform's clock: what `now()` gives the handlers; moved on by redeliveries. */
  clock = Date.parse('2026-11-27T08:00:00Z');
  /** What made finalizer deliveries fail, for a test to read. */
  readonly finalizeErrors: Error[] = [];
  /** Runs the finalize dead-letter handler closed. */
  readonly abandoned: string[] = [];
  /** The platform's bounds per tenant the handlers run with (`platform.json`'s defaults unless a test sets them). */
  bounds: TenantBounds = DEFAULT_TENANT_BOUNDS;
  /** The JOOR the handlers talk to instead of the emulator (a JOOR written apart from ours, for instance). */
  joorClient?: () => JoorClient;

  private constructor(
    readonly joor: JoorHarness,
    readonly tenant: TenantConfig,
  ) {}

  static async start(
    tenantChanges: Partial<TenantConfig> = {},
    emulator: Parameters<typeof startJoor>[0] = {},
  ): Promise<PipelineHarness> {
    const joor = await startJoor(emulator);
    const tenant: TenantConfig = {
      ...joor.tenant,
      tenantId: 'maison',
      displayName: 'Maison',
      report: {
        recipients: ['erp@maison.example'],
        sender: 'sync@maison.example',
        bodyRowLimit: 50,
        timeZone: 'Europe/Paris',
      },
      ...tenantChanges,
    };
    const harness = new PipelineHarness(joor, tenant);
    harness.store.put(keys.tenantConfig('maison'), JSON.stringify(tenant));
    return harness;
  }

  /** Another tenant of the platform: the same JOOR account, its own config, snapshot, lock and reports. */
  addTenant(tenantId: string): void {
    this.store.put(
      keys.tenantConfig(tenantId),
      JSON.stringify({ ...this.tenant, tenantId, displayName: tenantId }),
    );
  }

  /** A file lands in the inbox and S3 announces it (as many times as asked: S3 delivers at least once). */
  upload(
    name: string,
    content: string | Buffer,
    deliveries = 1,
    prefix: 'inbox' | 'partial' = 'inbox',
    tenantId = 'maison',
    metadata?: Record<string, string>,
  ): string {
    const key = `${prefix}/${tenantId}/${name}`;
    const versionId = this.store.put(key, content, metadata);
    this.clock += 1_000;
    const event = objectCreatedEvent(
      BUCKET,
      key,
      versionId,
      new Date(this.clock).toISOString(),
      Buffer.byteLength(content),
    );
    for (let k = 0; k < deliveries; k += 1) this.inbox.messages.push({ body: event });
    return versionId;
  }

  /** Delivers every message until all queues are empty. */
  async drain(hooks: DeliveryHooks = {}): Promise<void> {
    const receives = new Map<string, number>();
    // Every port the handlers use goes through the crash schedule when there is one (the harness's own reads do not).
    const port = <T extends object>(name: string, value: T): T => hooks.crashes?.wrap(name, value) ?? value;
    const store = port('store', this.store);
    const joor = this.joorClient?.() ?? this.joor.client();
    const deps = {
      store,
      workQueue: port('workQueue', this.work),
      finalizeQueue: port('finalizeQueue', this.finalize),
      inboxQueue: port('inboxQueue', this.inbox),
      jobsQueue: port('jobsQueue', this.jobs),
      mailer: port('mailer', this.mailer),
      loadTenant: (id: string) => loadTenantConfig(store, id),
      joorFor: async (): Promise<JoorClient> => port('joor', joor),
      remainingMs: () => 60_000,
      now: () => new Date(this.clock),
      sleep: async () => {},
      bounds: this.bounds,
    };
    // A dead-letter queue's handler is a Lambda too: SQS delivers to it again until it succeeds.
    const deadLetterHandler = async (name: string, handle: () => Promise<unknown>): Promise<void> => {
      for (let attempt = 1; attempt <= DEAD_LETTER_ATTEMPTS; attempt += 1) {
        hooks.crashes?.revive(name);
        try {
          await handle();
          return;
        } catch {
          // delivered again
        }
      }
      throw new Error('a dead-letter handler kept failing');
    };
    // Messages that wait on the harness's clock: job checks (SQS delays them) and batches handed back for credits.
    // (and a digest of refused files, delayed on the finalize queue until its interval ends).
    const later: { at: number; queue: 'work' | 'jobs' | 'finalize'; message: { body: string } }[] = [];
    const due = (queue: 'work' | 'jobs' | 'finalize') => {
      const ready = later.filter((entry) => entry.queue === queue && entry.at <= this.clock);
      for (const entry of ready) later.splice(later.indexOf(entry), 1);
      return ready.map((entry) => entry.message);
    };
    for (let round = 0; round < 2_000; round += 1) {
      for (const message of this.jobs.take())
        later.push({ at: this.clock + (message.delaySeconds ?? 0) * 1000, queue: 'jobs', message });
      for (const message of this.finalize.take()) {
        if (message.delaySeconds)
          later.push({ at: this.clock + message.delaySeconds * 1000, queue: 'finalize', message });
        else this.finalize.messages.push(message);
      }
      const inbox = this.inbox.take();
      const work = [...due('work'), ...this.work.messages.splice(0, 1)];
      const finalize = [...due('finalize'), ...this.finalize.take()];
      const checks = due('jobs');
      if (inbox.length + work.length + finalize.length + checks.length === 0) {
        if (later.length === 0) return;
        // Nothing to do until the next delayed message: the clock moves to it (JOOR's emulator runs in real time,
        // so a little real time passes too, for its jobs to move on).
        this.clock = Math.max(this.clock, Math.min(...later.map((entry) => entry.at)));
        await new Promise((resolve) => setTimeout(resolve, 5));
        continue;
      }
      for (const message of checks) {
        hooks.crashes?.revive('job watcher');
        const check = JSON.parse(message.body) as JobCheckMessage;
        const receive = (receives.get(message.body) ?? 0) + 1;
        receives.set(message.body, receive);
        const ok = await checkJobs(check, deps).then(
          () => true,
          () => false,
        );
        if (ok) continue;
        if (receive < (hooks.maxReceives ?? 5))
          later.push({ at: this.clock + 1_000, queue: 'jobs', message });
        else
          await deadLetterHandler('jobs dead-letter', () =>
            abandonJobChecks(check, deps, `${receive} receives`),
          );
      }
      for (const message of inbox) {
        hooks.crashes?.revive('splitter');
        const receive = (receives.get(message.body) ?? 0) + 1;
        receives.set(message.body, receive);
        const started = Promise.all(startRequestsOf(message.body).map((request) => startRun(request, deps)));
        // A splitter that fails leaves its message for SQS to deliver again, until the inbox dead-letter queue.
        if (
          await started.then(
            () => true,
            () => false,
          )
        )
          continue;
        if (receive < (hooks.maxReceives ?? 5)) this.inbox.messages.push(message);
        else
          await deadLetterHandler('inbox dead-letter', async () => {
            for (const request of startRequestsOf(message.body))
              await abandonStart(request, `${receive} receives`, deps);
          });
      }
      for (const message of work) {
        hooks.crashes?.revive('consumer');
        const batch = JSON.parse(message.body) as BatchMessage;
        const receive = (receives.get(message.body) ?? 0) + 1;
        receives.set(message.body, receive);
        const delivered = hooks.beforeBatch?.(batch, receive) ?? true;
        const outcome = delivered
          ? await processBatch(batch, deps).then(
              (done) => done,
              () => 'failed' as const,
            )
          : 'failed';
        if (typeof outcome === 'object') {
          // Handed back to wait for JOOR's credits: the queue brings it back then (its receive counted, as in SQS).
          later.push({ at: this.clock + outcome.deferMs, queue: 'work', message });
          await new Promise((resolve) => setTimeout(resolve, Math.min(outcome.deferMs, 50)));
          continue;
        }
        if (outcome !== 'failed') continue;
        if (receive >= (hooks.maxReceives ?? 5))
          await deadLetterHandler('work dead-letter', () =>
            recordDeadLetter(batch, deps, `${receive} receives`),
          );
        else this.work.messages.push(message);
      }
      for (const message of finalize) {
        hooks.crashes?.revive('finalizer');
        const { tenantId, runId } = JSON.parse(message.body) as FinalizeMessage;
        const receive = (receives.get(message.body) ?? 0) + 1;
        receives.set(message.body, receive);
        const ok = await finalizeRun(tenantId, runId, deps).then(
          () => true,
          (error: unknown) => {
            this.finalizeErrors.push(error as Error);
            return false;
          },
        );
        if (ok) continue;
        // SQS delivers it again after the visibility time-out, longer than the finalizer's lease; at last the
        // finalize dead-letter queue's handler closes the run.
        this.clock += FINALIZE_VISIBILITY_MS;
        if (receive < (hooks.maxReceives ?? 5)) this.finalize.messages.push(message);
        else {
          this.abandoned.push(runId);
          await deadLetterHandler('finalize dead-letter', () =>
            abandonFinalize(
              tenantId,
              runId,
              `${receive} receives: ${this.finalizeErrors.at(-1)?.message}`,
              deps,
            ),
          );
        }
      }
    }
    throw new Error('the pipeline did not settle');
  }

  /** The stored reports of a tenant (or of every tenant, with `all`), oldest first. */
  async reports(
    tenantId = 'maison',
  ): Promise<import('../../lambdas/core/reporting/SyncReport.js').SyncReport[]> {
    const reportKeys = (await this.store.list(`reports/${tenantId === 'all' ? '' : `${tenantId}/`}`)).filter(
      (key) => key.endsWith('report.json'),
    );
    return Promise.all(reportKeys.map(async (key) => JSON.parse((await this.store.getText(key))!)));
  }

  async stop(): Promise<void> {
    await this.joor.stop();
  }
}
