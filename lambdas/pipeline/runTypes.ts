import type { Customer, FileRefusal, RejectedRow } from '../core/index.js';
import type { CustomerFailure, SyncCounts } from '../core/reporting/index.js';

/** A file of a tenant as the pipeline tracks it: one run per object version. */
export interface FileRef {
  key: string;
  versionId?: string;
  name: string;
  receivedAt: string;
}

/** What the splitter learnt and decided; the finalizer renders the report from it and the batch results. */
export interface RunManifest {
  runId: string;
  tenantId: string;
  file: FileRef & { bytes: number };
  /** The synced state this run compared with, and that the finalizer moves forward: one per JOOR environment and account. */
  snapshotKey: string;
  /** Whether the run holds the tenant's lock (a file refused by name never takes it). */
  locked: boolean;
  batches: number;
  counts: Omit<SyncCounts, 'accepted' | 'failed'>;
  refusal?: FileRefusal;
  rejected: RejectedRow[];
  /** Customers that could not go in any batch, failed before reaching JOOR. */
  preFailures: CustomerFailure[];
  /** Content hash of each customer sent: the snapshot moves to these for the ones JOOR accepts. */
  sentHashes: Record<string, string>;
  superseded: FileRef[];
  notes: string[];
  /** Known customers the file leaves out (absent from older manifests). */
  missingCodes?: string[];
  /** Customers sent that the synced state did not know: the report tells new from changed by them. */
  newCodes?: string[];
}

/** One SQS message of the work queue: one bulk request's worth of customers. */
export interface BatchMessage {
  tenantId: string;
  runId: string;
  batch: number;
  customers: Customer[];
}

/** What became of one batch, written once by the consumer or the dead-letter handler. */
export interface BatchResult {
  batch: number;
  accepted: string[];
  failures: CustomerFailure[];
}

/** A message of the inbox queue that is not an S3 event: the finalizer starting the newest waiting file. */
export interface ResumeMessage {
  type: 'resume';
  tenantId: string;
  runId: string;
  file: FileRef;
  supersedes: FileRef[];
}

export interface FinalizeMessage {
  tenantId: string;
  runId: string;
}

/** What became of a run's report email. */
export type EmailRecord =
  | { status: 'sending' }
  | { status: 'sent'; attempts: number }
  | { status: 'not_configured' }
  | { status: 'failed'; attempts: number; reason: string };

/** The finalizer's claim on a run: a lease from `startedAt`, and how far it got. */
export interface FinalizeClaim {
  startedAt: string;
  done?: boolean;
  /** True only when the email was sent (kept for readers of older claims; `email` says more). */
  emailed?: boolean;
  email?: EmailRecord;
  /** The tenant's next waiting file was started (so a repeated finalizer does not start it again). */
  nextStarted?: boolean;
  /** Why the run was finalized as "could not be processed" after its finalizer exhausted its receives. */
  abandoned?: string;
  /** Where the run's file is archived, decided once for every handler of the run (archiveRunFilesOnce). */
  archivedAs?: 'processed' | 'rejected';
}

/** The tenant's lock: the run that holds it, since when. */
/** The tenant's lock: a lease of one run (see tenantLock.ts). */
export interface LockRecord {
  runId: string;
  since: string;
  /** When the lease ends if the run never handed its file on; absent in locks written before leases. */
  expiresAt?: string;
  /** The run's file, so that a run that takes over can close this one as not processed. */
  file?: FileRef;
  supersedes?: FileRef[];
  /** The run this one took the tenant from, still to be closed (kept so that a retry after a crash does it). */
  previous?: { runId: string; file?: FileRef; supersedes: FileRef[] };
}

/** A file waiting for the tenant's active run to end, with the older files it already supersedes. */
export interface WaitingEntry {
  runId: string;
  file: FileRef;
  supersedes: FileRef[];
}

/** Why one delivery of a run's message failed: the tenant config, the file, or the handler itself. */
export type FailureKind = 'config' | 'file' | 'handler';

/** One failed delivery to the splitter or the finalizer, recorded by the handler that failed (failedDeliveries.ts). */
export interface DeliveryFailure {
  stage: 'split' | 'finalize';
  at: string;
  kind: FailureKind;
  message: string;
}
