import type { ChangedCustomer, MassChange } from '../core/diffing/index.js';
import type { Customer, FileRefusal, RejectedRow } from '../core/index.js';
import type { PostedJob } from '../core/ports/index.js';
import type { CustomerFailure, SyncCounts } from '../core/reporting/index.js';

/** A file of a tenant as the pipeline tracks it: one run per object version. */
export interface FileRef {
  key: string;
  versionId?: string;
  name: string;
  receivedAt: string;
}

/** A run's counts as its manifest has them. */
export type ManifestCounts = Omit<SyncCounts, 'accepted' | 'failed' | 'acceptedNew'>;

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
  /** The counts the splitter knows: what JOOR accepted and failed is the finalizer's to add. */
  counts: ManifestCounts;
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
  /** A dry run (a file under `dry-run/`): nothing was sent; new, changed and missing are what would be. */
  dryRun?: true;
  /** The changed customers field by field, before → after (absent from older manifests). */
  changed?: ChangedCustomer[];
  /** The file changes one field for most known customers: the headline says so. */
  massChange?: MassChange;
}

/** One SQS message of the work queue: one bulk request's worth of customers. */
export interface BatchMessage {
  tenantId: string;
  runId: string;
  batch: number;
  /** The run's number of batches (absent in messages sent before it was added). */
  batches?: number;
  customers: Customer[];
}

/** What JOOR said of a job of a batch that did not end it well (a failed or lost job, before a second post). */
export interface JobHistoryEntry {
  jobId: number;
  outcome: string;
  words: string;
  at: string;
}

/**
 * A batch as the consumer handed it to JOOR (SPEC §2.9), written as soon as JOOR answered the post: a later delivery
 * of the batch resumes from it and never posts again; the job checks read it.
 */
export interface BatchPost {
  batch: number;
  /**
   * The jobs JOOR started for the batch's current post; empty while it has not been posted. Whether JOOR's answer
   * already said a job was finished is not kept: the job checks ask JOOR for every job.
   */
  jobs: Pick<PostedJob, 'jobId' | 'customerCodes'>[];
  postedAt?: string;
  /** The batch's customers, kept so that a batch whose job JOOR failed or lost can be posted once more. */
  customers: Customer[];
  /** Customers JOOR refused when they were posted, with its words. */
  failures: CustomerFailure[];
  /** Posts made of the batch: 1, or 2 after JOOR failed or lost the first job. */
  posts: number;
  /** Deliveries that found JOOR's credits spent (or a 429) and handed the batch back to wait. */
  waits: number;
  /** Deliveries to the consumer that failed (JOOR unreachable within the retries), and the last one's cause. */
  failedDeliveries: number;
  /** Posts answered with something that is not JOOR's (an HTML page with HTTP 200): `joor.unreadablePostTries`. */
  unreadablePosts?: number;
  lastError?: string;
  /** No post before this time: the wait JOOR asked for, or its credits need (so a redelivery waits, not posts). */
  notBefore?: string;
  history: JobHistoryEntry[];
}

/** A message of the job-check queue: look at the run's jobs in JOOR, if this check is still the live one. */
export interface JobCheckMessage {
  type: 'job-check';
  tenantId: string;
  runId: string;
  token: string;
  /** The token of the check that sent this one (none for the first of a chain): see isLive in jobChecks.ts. */
  after?: string;
}

/** The run's chain of job checks: the live check's token, when it is due, and what the checks have seen. */
export interface JobWatch {
  token: string;
  checkAt: string;
  intervalMs: number;
  /** Since when the run has had jobs in JOOR. */
  since: string;
  /** Reads of JOOR's job status spent on the run. */
  polls: number;
  /** The chain ended: nothing of the run was waiting on JOOR when it last looked. */
  done?: boolean;
  /** JOOR's last answer to a job check, for `run` and the report when the wait ends badly. */
  lastAnswer?: string;
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
  /** Only in messages sent before the superseded files were recorded in S3 alone (`supersedes.json`). */
  supersedes?: FileRef[];
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
  /** What became of the report email; claims written before it existed said `emailed: true`, read as sent. */
  email?: EmailRecord;
  /** The tenant's next waiting file was started (so a repeated finalizer does not start it again). */
  nextStarted?: boolean;
  /**
   * The waiting files this run picked to start, recorded before their entries leave the waiting list: an attempt
   * that dies between taking them off and sending them is followed by one that sends them again.
   */
  picked?: ResumeMessage[];
  /**
   * Written before the run releases the tenant: from then on a lock the run's late delivery takes is its own to give
   * back (startRun), the run's handlers having released theirs already or being about to.
   */
  handingOn?: boolean;
  /** Why the run was finalized as "could not be processed" after its finalizer exhausted its receives. */
  abandoned?: string;
  /**
   * The finalizer has stored its report and moves the synced state by it: from here the report stands, and the
   * finalize dead-letter handler closing the run beside it keeps it (and moves the state itself if need be).
   */
  committed?: boolean;
  /**
   * The finalize dead-letter handler is closing the run as not processed: a finalizer still at work stops before it
   * moves any state, so the run's one report and its synced state agree.
   */
  closing?: boolean;
  /** Where the run's file is archived, decided once for every handler of the run (archiveRunFilesOnce). */
  archivedAs?: 'processed' | 'rejected';
  /** The digest run whose report names this refused file (refusalDigest.ts): the file's one report. */
  digest?: string;
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
  /**
   * The run this one took the tenant from, still to be closed (kept so that a retry after a crash does it); without
   * its file when its lock came before locks named their file.
   */
  previous?: Omit<RunFiles, 'file'> & Partial<Pick<RunFiles, 'file'>>;
}

/**
 * A run and its files: the one it reads and the older ones it supersedes. The one shape of a run that waits for its
 * tenant (a waiting-list entry), asks for the tenant's lock, is taken over, or is started.
 */
export interface RunFiles {
  runId: string;
  file: FileRef;
  supersedes: FileRef[];
}

/** The tenant's current interval of refused files: the first is reported at once, the others in its digest. */
export interface RefusalWindow {
  /** The run of the interval's first refused file. */
  id: string;
  openedAt: string;
  dueAt: string;
  /** Set by the digest before it lists the interval's files: nothing is collected into it after. */
  closed?: boolean;
}

/** A refused file collected for its interval's digest. */
export interface RefusalEntry {
  runId: string;
  file: FileRef & { bytes?: number };
  refusal: FileRefusal;
}

/** A digest run: the interval it reports on, and when that ends. */
export interface DigestRecord {
  windowId: string;
  dueAt: string;
  intervalMinutes: number;
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
