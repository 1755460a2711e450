import type { TenantConfig } from '../core/config/index.js';
import type { JoorClient, Mailer, MessageSender, ObjectStore } from '../core/ports/index.js';
import type { JobCheckTiming, TenantBounds } from '../pipeline/index.js';

/**
 * Everything a handler may need. Each handler asks only for its own part (`ConsumerDependencies`, …), so each
 * deployed function builds only the clients it uses; `npm start` and the end-to-end tests give all of them at once.
 */
export interface Dependencies {
  store: ObjectStore;
  loadTenant: (tenantId: string) => Promise<TenantConfig>;
  workQueue: MessageSender;
  finalizeQueue: MessageSender;
  inboxQueue: MessageSender;
  /** The job-check queue (standard: each check is a delayed message). */
  jobsQueue: MessageSender;
  /** Hands a received work message back to the work queue for some seconds (its visibility), as SQS lets a consumer. */
  deferWork: (receiptHandle: string, seconds: number) => Promise<void>;
  /** How often JOOR is asked about jobs (DEFAULT_JOB_CHECK_TIMING; the local platform shortens it with JOOR's window). */
  jobCheckTiming?: JobCheckTiming;
  mailer: Mailer;
  joorFor: (tenantId: string) => Promise<JoorClient>;
  /**
   * How long a finalizer's claim holds before a retry takes it over (default FINALIZE_LEASE_MS, longer than the
   * finalizer's time-out). The local platform, whose queues deliver again within seconds, sets it shorter.
   */
  finalizeLeaseMs?: number;
  /** The platform's bounds per tenant (`platform.json`, through the environment); the defaults when not given. */
  bounds?: TenantBounds;
}

export type SplitterDependencies = Pick<
  Dependencies,
  'store' | 'loadTenant' | 'workQueue' | 'finalizeQueue' | 'bounds'
>;
export type ConsumerDependencies = Pick<
  Dependencies,
  'store' | 'finalizeQueue' | 'jobsQueue' | 'deferWork' | 'joorFor' | 'loadTenant' | 'jobCheckTiming'
>;
export type JobWatcherDependencies = Pick<
  Dependencies,
  'store' | 'finalizeQueue' | 'jobsQueue' | 'joorFor' | 'loadTenant' | 'jobCheckTiming'
>;
export type DeadLetterDependencies = Pick<
  Dependencies,
  'store' | 'finalizeQueue' | 'jobsQueue' | 'jobCheckTiming'
>;
export type FinalizerDependencies = Pick<
  Dependencies,
  'store' | 'loadTenant' | 'mailer' | 'inboxQueue' | 'finalizeLeaseMs'
> &
  Partial<Pick<Dependencies, 'finalizeQueue'>>;
