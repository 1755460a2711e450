import type { FileRefOf, Holder, TenantRecord, WaitingRun } from './tenantRecord.js';

/*
 * The tenant's coordination as a pure transition function: `(record, event) → (next record, decision, effects)`.
 * The interpreter (stepTenant.ts) reads the record, steps, writes the next record back with a compare-and-swap, and
 * only then performs the effects; a handler that dies after the write and is delivered again steps again, finds
 * what it wrote, and gets the same effects back (each transition below says why), so running twice converges.
 */

/** What the world does to a tenant. */
export type TenantEvent =
  /** A run asks for the tenant (its file's first or a repeated delivery, or its resume). */
  | {
      type: 'arrive';
      run: WaitingRun;
      now: Date;
      leaseMs: number;
      /** The holder's run is over (its finalizer is done): a lock it still holds is stale, whatever its lease. */
      holderOver: boolean;
    }
  /** The holder's run sends its batches or asks for its finalizer: from now on no lease ends under it. */
  | { type: 'hand_on'; runId: string }
  /** A run gives the tenant back: to the newest waiting file, or free. */
  | { type: 'release'; runId: string; now: Date; leaseMs: number };

/** What the interpreter performs after the record is written; each is idempotent. */
export type TenantEffect =
  /** Close a run whose lease ended (its file not processed): it gets its report, and its late deliveries stop. */
  | { type: 'close_taken_over'; run: WaitingRun; by: WaitingRun }
  /** Close a file older than one that already took the tenant: it gets its report, and nothing of it is sent. */
  | { type: 'close_stale'; run: WaitingRun; newer: Pick<WaitingRun, 'runId' | 'file'> }
  /**
   * Mark the runs a run supersedes handed on (their late deliveries stop at their claims), and record its superseded
   * files beside it, for the handlers that read the run rather than the tenant (its report names them).
   */
  | { type: 'supersede'; run: WaitingRun }
  /** Start a run through the inbox queue (a resume delivered twice stops at the run's claim). */
  | { type: 'resume'; run: WaitingRun };

export type TenantDecision =
  | { outcome: 'held'; fresh: boolean; holder: Holder }
  | { outcome: 'waiting' }
  | { outcome: 'superseded'; by: string }
  | { outcome: 'handed_on' }
  | { outcome: 'lost' }
  | { outcome: 'released' }
  | { outcome: 'handed_to'; runId: string }
  | { outcome: 'not_holder' }
  /** The run released the tenant already: a late delivery of a run that is over takes nothing. */
  | { outcome: 'over' }
  /** A newer file has taken the tenant since: this one is closed, never synced over it. */
  | { outcome: 'stale' };

export interface TenantStep {
  record: TenantRecord;
  decision: TenantDecision;
  effects: TenantEffect[];
}

/** Whether file `a` comes after file `b` in the tenant's order: by arrival, then by run id (which starts with it). */
const isNewer = (a: WaitingRun, b: WaitingRun): boolean =>
  a.file.receivedAt === b.file.receivedAt ? a.runId > b.runId : a.file.receivedAt > b.file.receivedAt;

/** The newer of two runs with the older folded into what it supersedes (each file is a full list, SPEC §2.3). */
export const fold = (a: WaitingRun, b: WaitingRun): WaitingRun => {
  const [newer, older] = isNewer(a, b) ? [a, b] : [b, a];
  return {
    runId: newer.runId,
    file: newer.file,
    supersedes: uniqueFiles([...older.supersedes, older.file, ...newer.supersedes]),
    supersededRuns: [...new Set([...older.supersededRuns, older.runId, ...newer.supersededRuns])],
    spilled: [...new Set([...older.spilled, ...newer.spilled])],
  };
};

const NO_SUPERSEDED = { supersedes: [], supersededRuns: [], spilled: [] };

/** Files without repeats (one per object version), in the order first given. */
export const uniqueFiles = (files: readonly FileRefOf[]): FileRefOf[] => [
  ...new Map(files.map((file) => [`${file.key}#${file.versionId ?? ''}`, file])).values(),
];

const lease = (run: WaitingRun, now: Date, leaseMs: number): Holder => ({
  runId: run.runId,
  file: run.file,
  supersedes: run.supersedes,
  supersededRuns: run.supersededRuns,
  spilled: run.spilled,
  phase: 'starting',
  since: now.toISOString(),
  expiresAt: new Date(now.getTime() + leaseMs).toISOString(),
});

/** The record with a new holder, which is the newest file to have taken the tenant unless an older one was. */
const held = (record: TenantRecord, holder: Holder): TenantRecord => {
  const { newest } = record;
  const taking = { runId: holder.runId, file: holder.file };
  return {
    holder,
    newest:
      newest && isNewer({ ...newest, ...NO_SUPERSEDED }, { ...taking, ...NO_SUPERSEDED }) ? newest : taking,
  };
};

const waitingRunOf = ({ runId, file, supersedes, supersededRuns, spilled }: WaitingRun): WaitingRun => ({
  runId,
  file,
  supersedes,
  supersededRuns,
  spilled,
});

/** The effects that start a run handed the tenant: the same on every repeat, so a retried hand-on redoes them. */
const startEffects = (run: WaitingRun): TenantEffect[] =>
  run.supersedes.length + run.supersededRuns.length + run.spilled.length > 0
    ? [{ type: 'supersede', run: waitingRunOf(run) }]
    : [];

const unchanged = (record: TenantRecord, decision: TenantDecision, effects: TenantEffect[] = []) => ({
  record,
  decision,
  effects,
});

/**
 * `arrive`. Repeats are safe because every branch is decided by what the record already says of the run:
 * - the holder itself: held, with the effects its taking of the tenant implies (closing the run it took over,
 *   marking what it supersedes), which its earlier delivery may have died before performing;
 * - the waiting file, or one it supersedes: left as it is;
 * - a free tenant, or a stale lock (its run is over): the newest of the arriving and the waiting file takes it;
 * - a holder whose lease ended before it handed its file on: the newest of the three files takes the tenant, the
 *   others superseded; when that is the holder's own file, it is leased again and resumed (a newer file is never
 *   closed so that an older one can sync: SPEC §2.3, "newest wins"), else the holder is closed as not processed;
 * - a live holder: the file joins the waiting list, the newer of it and the file already waiting kept.
 */
const arrive = (record: TenantRecord, event: Extract<TenantEvent, { type: 'arrive' }>): TenantStep => {
  const { run, now, leaseMs } = event;
  const { holder, next } = record;
  if (holder?.runId === run.runId) {
    const effects = holder.previous
      ? [{ type: 'close_taken_over' as const, run: holder.previous, by: waitingRunOf(holder) }]
      : [];
    return unchanged(record, { outcome: 'held', fresh: false, holder }, [
      ...effects,
      ...startEffects(holder),
    ]);
  }
  if (next?.runId === run.runId && holder) return unchanged(record, { outcome: 'waiting' });
  if (record.releasedBy === run.runId) return unchanged(record, { outcome: 'over' });
  const supersededBy = [holder, next].find((r) => r?.supersededRuns.includes(run.runId));
  if (supersededBy) {
    // Superseded by a holder still starting: the step that made it so may have died before starting the holder, so
    // the start is asked again (a holder at work meets the resume as a repeat of itself).
    const restart =
      supersededBy === holder && holder.phase === 'starting'
        ? [...startEffects(holder), resume(waitingRunOf(holder))]
        : [];
    return unchanged(record, { outcome: 'superseded', by: supersededBy.runId }, restart);
  }
  // Older than a file that has taken the tenant: syncing it now would put older data over newer.
  const { newest } = record;
  if (newest && newest.runId !== run.runId && isNewer({ ...newest, ...NO_SUPERSEDED }, run))
    return unchanged(record, { outcome: 'stale' }, [{ type: 'close_stale', run, newer: newest }]);

  if (!holder || event.holderOver) {
    const taking = next && next.runId !== run.runId ? fold(run, next) : run;
    const leased = lease(taking, now, leaseMs);
    const decision: TenantDecision =
      taking.runId === run.runId
        ? { outcome: 'held', fresh: true, holder: leased }
        : { outcome: 'superseded', by: taking.runId };
    const effects = [...startEffects(taking), ...(taking.runId === run.runId ? [] : [resume(taking)])];
    return { record: held(record, leased), decision, effects };
  }

  if (holder.phase === 'starting' && Date.parse(holder.expiresAt) <= now.getTime()) {
    const old = waitingRunOf(holder);
    const joined = next ? fold(run, next) : run;
    if (isNewer(old, joined)) {
      // The stalled holder's file is the newest: it keeps the tenant on a fresh lease and is started again.
      const kept = fold(old, joined);
      const leased = {
        ...lease(kept, now, leaseMs),
        ...(holder.previous ? { previous: holder.previous } : {}),
      };
      return {
        record: held(record, leased),
        decision: { outcome: 'superseded', by: old.runId },
        effects: [...startEffects(kept), resume(kept)],
      };
    }
    const leased = { ...lease(joined, now, leaseMs), previous: old };
    const effects: TenantEffect[] = [
      { type: 'close_taken_over', run: old, by: joined },
      ...startEffects(joined),
    ];
    if (joined.runId !== run.runId)
      return {
        record: held(record, leased),
        decision: { outcome: 'superseded', by: joined.runId },
        effects: [...effects, resume(joined)],
      };
    return {
      record: held(record, leased),
      decision: { outcome: 'held', fresh: true, holder: leased },
      effects,
    };
  }

  const waiting = next ? fold(run, next) : run;
  const decision: TenantDecision =
    waiting.runId === run.runId ? { outcome: 'waiting' } : { outcome: 'superseded', by: waiting.runId };
  return { record: { ...record, next: waiting }, decision, effects: [] };
};

const resume = (run: WaitingRun): TenantEffect => ({ type: 'resume', run });

/** `hand_on`: only the holder hands on; a run that lost the tenant (taken over) learns it here and sends nothing. */
const handOn = (record: TenantRecord, runId: string): TenantStep => {
  const { holder } = record;
  if (holder?.runId !== runId) return unchanged(record, { outcome: 'lost' });
  if (holder.phase === 'handed_on') return unchanged(record, { outcome: 'handed_on' });
  return {
    record: { ...record, holder: { ...holder, phase: 'handed_on' } },
    decision: { outcome: 'handed_on' },
    effects: [],
  };
};

/**
 * `release`: the holder gives the tenant to the newest waiting file (in the same write, so no file can join a list
 * that was already read) or frees it. A repeat by the run that handed the tenant on gets the hand-on's effects again
 * (the holder it named is still there, or has taken the tenant and performed them itself); by the run that freed it,
 * nothing; by any other run, nothing (a release never frees a tenant that is not the caller's).
 */
const release = (record: TenantRecord, event: Extract<TenantEvent, { type: 'release' }>): TenantStep => {
  const { holder, next } = record;
  if (holder && holder.runId !== event.runId) {
    return holder.handedFrom === event.runId
      ? unchanged(record, { outcome: 'handed_to', runId: holder.runId }, [
          ...startEffects(holder),
          resume(waitingRunOf(holder)),
        ])
      : unchanged(record, { outcome: 'not_holder' });
  }
  if (!holder)
    return unchanged(record, { outcome: record.releasedBy === event.runId ? 'released' : 'not_holder' });
  if (!next)
    return {
      record: { releasedBy: event.runId, ...(record.newest ? { newest: record.newest } : {}) },
      decision: { outcome: 'released' },
      effects: [],
    };
  const handed = { ...lease(next, event.now, event.leaseMs), handedFrom: event.runId };
  return {
    record: held(record, handed),
    decision: { outcome: 'handed_to', runId: next.runId },
    effects: [...startEffects(next), resume(next)],
  };
};

/**
 * Whether a run still owes the tenant a release: it holds it, or it handed it to a run that has not started yet (a
 * release that died before its resume went out is repeated by the run's next handler, and sends it again).
 */
export const owesRelease = (record: TenantRecord, runId: string): boolean => {
  const { holder } = record;
  return (
    holder !== undefined &&
    (holder.runId === runId || (holder.handedFrom === runId && holder.phase === 'starting'))
  );
};

/** One step of the tenant's coordination. */
export const stepTenantRecord = (record: TenantRecord, event: TenantEvent): TenantStep => {
  switch (event.type) {
    case 'arrive':
      return arrive(record, event);
    case 'hand_on':
      return handOn(record, event.runId);
    case 'release':
      return release(record, event);
  }
};

/**
 * The transitions, in the order a run meets them, each with why it is safe to repeat: the table a reader lists and
 * the model test walks (every event type of `stepTenantRecord` appears here).
 */
export const TENANT_TRANSITIONS = [
  {
    event: 'arrive',
    from: 'free, or held by a run that is over',
    to: 'held by the newest of the arriving and the waiting file',
    repeat: 'the holder arriving again is told it holds the tenant, with the same effects',
  },
  {
    event: 'arrive',
    from: 'held by a run still starting whose lease ended',
    to: 'held by the newest of the three files; the old holder closed as not processed, or leased again if newest',
    repeat: 'the new holder arriving again gets the close again, which finds it done',
  },
  {
    event: 'arrive',
    from: 'held by a live run',
    to: 'the newer of the arriving and the waiting file waits; the other is superseded by it',
    repeat: 'a waiting or superseded run arriving again changes nothing',
  },
  {
    event: 'hand_on',
    from: 'held by this run, starting',
    to: 'held by this run, handed on (no lease ends under it)',
    repeat: 'handed on already: unchanged; not the holder: told it lost the tenant, and sends nothing',
  },
  {
    event: 'release',
    from: 'held by this run, a file waiting',
    to: 'held by the waiting file, leased, resumed, its superseded runs marked',
    repeat: 'the run that handed on releases again: the same effects, which find them done',
  },
  {
    event: 'release',
    from: 'held by this run, nothing waiting',
    to: 'free',
    repeat: 'the run that freed it releases again: nothing; another run: nothing',
  },
] as const satisfies readonly { event: TenantEvent['type']; from: string; to: string; repeat: string }[];
