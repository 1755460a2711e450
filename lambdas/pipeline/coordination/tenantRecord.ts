import * as v from 'valibot';

/*
 * The tenant's one coordination record (`state/<tenant>/tenant.json`): who holds the tenant and until when, the
 * newest file waiting with the older files it supersedes, and the run the tenant was last handed on from. Every
 * decision about the tenant reads it and writes it back in one compare-and-swap (tenantMachine.ts, stepTenant.ts),
 * so no reader ever sees a lock released while a file joins the waiting list, or a waiting list half taken.
 * Declared once, as schemas; the types are derived from them.
 */

export const FileRefSchema = v.object({
  key: v.pipe(v.string(), v.minLength(1)),
  versionId: v.optional(v.string()),
  name: v.string(),
  receivedAt: v.string(),
});

/** A run and its files: the one it reads and the older ones it supersedes (reported in its report). */
export const WaitingRunSchema = v.object({
  runId: v.string(),
  file: FileRefSchema,
  supersedes: v.array(FileRefSchema),
  /** The runs of the superseded files: each stops at its claim once marked (their late deliveries send nothing). */
  supersededRuns: v.optional(v.array(v.string()), []),
  /**
   * Objects holding more superseded files and runs (stepTenant.ts spills them past SPILL_AT), so that a tenant with
   * thousands of waiting uploads does not rewrite them all at each step.
   */
  spilled: v.optional(v.array(v.string()), []),
});

/** What one spilled object holds. */
export const SpillSchema = v.object({
  supersedes: v.array(FileRefSchema),
  supersededRuns: v.array(v.string()),
});
export type Spill = v.InferOutput<typeof SpillSchema>;

/**
 * Where the holder's run stands for the tenant: `starting` while its splitter works (the lease applies), `handed_on`
 * once it has sent its batches or asked for its finalizer (from then on only its finalizer releases the tenant).
 */
export const HOLDER_PHASES = ['starting', 'handed_on'] as const;

export const HolderSchema = v.object({
  ...WaitingRunSchema.entries,
  phase: v.picklist(HOLDER_PHASES),
  since: v.string(),
  /** When the lease ends if the run never hands its file on. */
  expiresAt: v.string(),
  /** A run this one took the tenant from (its lease had ended), still to close as not processed. */
  previous: v.optional(WaitingRunSchema),
  /** The run that handed the tenant to this one: its retried release performs the hand-on's effects again. */
  handedFrom: v.optional(v.string()),
});

export const TenantRecordSchema = v.object({
  holder: v.optional(HolderSchema),
  /** The newest file waiting for the tenant; older waiting files are folded into what it supersedes. */
  next: v.optional(WaitingRunSchema),
  /** The last run that released the tenant with nothing waiting: its retried release does nothing. */
  releasedBy: v.optional(v.string()),
  /**
   * The newest file that has taken the tenant: a file older than it that arrives later (its S3 event delayed, its
   * splitter slow) is closed rather than synced over newer data (SPEC §2.3, "newest wins").
   */
  newest: v.optional(v.object({ runId: v.string(), file: FileRefSchema })),
});

export type FileRefOf = v.InferOutput<typeof FileRefSchema>;
export type WaitingRun = v.InferOutput<typeof WaitingRunSchema>;
export type Holder = v.InferOutput<typeof HolderSchema>;
export type TenantRecord = v.InferOutput<typeof TenantRecordSchema>;

/** The record of a tenant nothing has touched yet. */
export const FREE_TENANT: TenantRecord = {};
