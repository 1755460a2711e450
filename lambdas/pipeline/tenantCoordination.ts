import type { MessageSender, ObjectStore } from '../core/ports/index.js';
import {
  holderOf,
  readTenant,
  SPLIT_LEASE_MS,
  stepTenant,
  supersededOf,
  type TenantDecision,
  type TenantEffect,
  uniqueFiles,
  type WaitingRun,
} from './coordination/index.js';
import { keys } from './keys.js';
import { mapLimited } from './mapLimited.js';
import { parseRecord } from './parseRecord.js';
import { readRecord } from './readRecord.js';
import type { FileRef, ResumeMessage, RunFiles } from './runTypes.js';
import { FileRefListSchema, FinalizeClaimSchema } from './schemas.js';

/*
 * The interpreter of the tenant's coordination (coordination/): each function here steps the tenant's one record
 * with an event and then performs the step's effects, every one of them idempotent.
 */

/** What performing a step's effects needs: how to start a run, and how to close one taken over. */
export interface TenantEffectDeps {
  store: ObjectStore;
  /** Starts a run handed the tenant: a resume on the inbox queue, or the splitter starting it itself. */
  resume: (run: WaitingRun) => Promise<unknown>;
  /**
   * Closes a run as not processed (the splitter's, which alone takes a tenant over or meets a stale file): one whose
   * lease ended (`taken_over`), or a file older than one that has taken the tenant (`stale`).
   */
  close?: (
    run: WaitingRun,
    by: Pick<WaitingRun, 'runId' | 'file'>,
    why: 'taken_over' | 'stale',
  ) => Promise<unknown>;
}

/** Performs a step's effects in order; each is safe to repeat, so a repeated step performing them again is too. */
export const performTenantEffects = async (
  deps: TenantEffectDeps,
  tenantId: string,
  effects: TenantEffect[],
): Promise<void> => {
  for (const effect of effects) {
    switch (effect.type) {
      case 'close_taken_over':
        if (!deps.close)
          throw new Error(`Tenant ${tenantId}: a takeover's close was asked of a handler that cannot close`);
        await deps.close(effect.run, effect.by, 'taken_over');
        break;
      case 'close_stale':
        if (!deps.close)
          throw new Error(
            `Tenant ${tenantId}: a stale file's close was asked of a handler that cannot close`,
          );
        await deps.close(effect.run, effect.newer, 'stale');
        break;
      case 'supersede':
        await supersede(deps.store, tenantId, effect.run);
        break;
      case 'resume':
        await deps.resume(effect.run);
        break;
    }
  }
};

/**
 * A run started over older files: each superseded run marked handed on (only where it has no mark of its own: a run
 * handed on by itself keeps its mark), the files recorded beside the run, and then the spills that held them removed.
 * In this order, so that a repeat after a death finds in the spills whatever was not yet marked and recorded.
 */
const supersede = async (store: ObjectStore, tenantId: string, run: WaitingRun): Promise<void> => {
  const { supersedes, supersededRuns } = await supersededOf(store, run);
  await mapLimited(supersededRuns, (runId) =>
    store.putText(keys.dispatched(tenantId, runId), JSON.stringify({ runId, supersededBy: run.runId }), {
      contentType: 'application/json',
      ifAbsent: true,
    }),
  );
  if (supersedes.length > 0) await recordSupersedes(store, tenantId, run.runId, supersedes);
  await mapLimited(run.spilled, (key) => store.delete(key));
};

/**
 * The files a run holding the tenant supersedes by the record's word, with the superseded runs marked: the finalizer
 * adds them to what the manifest names, since a file can be superseded by the run after its splitter read what it
 * supersedes (a file that found the run's lease ended and the run's file the newest: tenantMachine's arrive). While
 * the run finalizes it holds the tenant handed on, so no arrival changes the list any more.
 */
export const supersededByHolder = async (
  store: ObjectStore,
  tenantId: string,
  runId: string,
): Promise<FileRef[]> => {
  const { holder } = await readTenant(store, tenantId);
  if (holder?.runId !== runId) return [];
  await supersede(store, tenantId, holder);
  return (await supersededOf(store, holder)).supersedes;
};

/** The tenant as a run asks for it: held (fresh or already its own), or not (waiting, superseded, over). */
export type TenantTaken =
  | { held: true; fresh: boolean; supersedes: FileRef[] }
  | { held: false; outcome: Exclude<TenantDecision['outcome'], 'held'> };

/**
 * A run asks for its tenant (SPEC §2.3): one step of the record decides whether it holds it, waits, is superseded,
 * or takes it over from a run whose lease ended; the effects follow.
 */
export const takeTenant = async (
  deps: TenantEffectDeps,
  request: RunFiles & { tenantId: string },
  now: () => Date,
): Promise<TenantTaken> => {
  const { store } = deps;
  const { tenantId, runId } = request;
  const step = await stepTenant(store, tenantId, async (record) => ({
    type: 'arrive',
    run: { runId, file: request.file, supersedes: request.supersedes, supersededRuns: [], spilled: [] },
    now: now(),
    leaseMs: SPLIT_LEASE_MS,
    // A lock held by a run that is over is stale whatever its lease says: a late delivery of that run took it after
    // its finalizer released it and died before giving it back.
    holderOver:
      record.holder !== undefined &&
      record.holder.runId !== runId &&
      (await readRecord(store, keys.finalizeClaim(tenantId, record.holder.runId), FinalizeClaimSchema))
        ?.done === true,
  }));
  await performTenantEffects(deps, tenantId, step.effects);
  const { decision } = step;
  return decision.outcome === 'held'
    ? { held: true, fresh: decision.fresh, supersedes: decision.holder.supersedes }
    : { held: false, outcome: decision.outcome };
};

/**
 * The holder's run is about to send its batches or ask for its finalizer: marked in the record first, so that no
 * lease can end under a run that has handed its file on. False when the run no longer holds the tenant (it was
 * taken over while it worked): it must send nothing.
 */
export const markHandingOn = async (store: ObjectStore, tenantId: string, runId: string): Promise<boolean> =>
  (await stepTenant(store, tenantId, () => ({ type: 'hand_on', runId }))).decision.outcome === 'handed_on';

/**
 * A run gives the tenant back: to the newest waiting file (started through `deps.resume`) or free, in one step. Safe
 * to repeat: see tenantMachine's release.
 */
export const releaseTenant = async (
  deps: TenantEffectDeps,
  tenantId: string,
  runId: string,
  now: () => Date,
): Promise<TenantDecision> => {
  const step = await stepTenant(deps.store, tenantId, () => ({
    type: 'release',
    runId,
    now: now(),
    leaseMs: SPLIT_LEASE_MS,
  }));
  await performTenantEffects(deps, tenantId, step.effects);
  return step.decision;
};

/** The run that holds the tenant, if any. */
export const lockHolderOf = async (store: ObjectStore, tenantId: string): Promise<string | undefined> =>
  (await holderOf(store, tenantId))?.runId;

/** A run handed the tenant, as the inbox queue's resume message names it. */
export const resumeOf = (tenantId: string, run: WaitingRun): ResumeMessage => ({
  type: 'resume',
  tenantId,
  runId: run.runId,
  file: run.file,
});

/** The inbox queue is a standard queue: no SQS deduplication there. A resume delivered twice stops at its claim. */
export const sendResumes = async (inboxQueue: MessageSender, resumes: ResumeMessage[]): Promise<void> => {
  if (resumes.length > 0) await inboxQueue.send(resumes.map((resume) => ({ body: JSON.stringify(resume) })));
};

/** Conditional writes a supersedes record tries before giving up (each loses only to another writer of the run). */
const RECORD_ATTEMPTS = 10;

/**
 * Adds files to what a run supersedes (`supersedes.json`), never dropping one recorded before: the record beside the
 * run, for the handlers that read the run (its dead-letter close, the finalizer's report) rather than the tenant. A
 * write that must find the record as it was read reads again when another writer wrote in between.
 */
const recordSupersedes = async (store: ObjectStore, tenantId: string, runId: string, files: FileRef[]) => {
  const key = keys.supersedes(tenantId, runId);
  for (let attempt = 1; attempt <= RECORD_ATTEMPTS; attempt += 1) {
    const tagged = await store.getTagged(key);
    const recorded = tagged ? parseRecord(FileRefListSchema, tagged.text, key) : [];
    const merged = uniqueFiles([...recorded, ...files]);
    if (tagged && merged.length === recorded.length) return;
    const written = await store.putText(key, JSON.stringify(merged), {
      contentType: 'application/json',
      ...(tagged ? { ifMatch: tagged.tag } : { ifAbsent: true }),
    });
    if (written === 'written') return;
  }
  throw new Error(
    `The superseded files of run ${tenantId}/${runId} kept changing under ${RECORD_ATTEMPTS} writes`,
  );
};

/** The older files a run supersedes: those its message or the record names, and those recorded beside it. */
export const supersededBy = async (
  store: ObjectStore,
  tenantId: string,
  runId: string,
  named: FileRef[],
): Promise<FileRef[]> => {
  const recorded = (await readRecord(store, keys.supersedes(tenantId, runId), FileRefListSchema)) ?? [];
  return uniqueFiles([...named, ...recorded]);
};
