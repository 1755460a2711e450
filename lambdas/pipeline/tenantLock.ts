import type { ObjectStore } from '../core/ports/index.js';
import { keys } from './keys.js';
import { parseRecord } from './parseRecord.js';
import { readRecord } from './readRecord.js';
import type { LockRecord, RunFiles } from './runTypes.js';
import { FinalizeClaimSchema, LockRecordSchema } from './schemas.js';

/**
 * How long a run holds its tenant before its file is handed on (`dispatched`), after which the run's own
 * finalizer (or its dead-letter handler) releases the tenant. Longer than the splitter can keep a file: 5 receives,
 * each up to the inbox queue's visibility time-out (6 × the 15-minute time-out), and the dead-letter handler's
 * turn; test/infra checks it against the stack. Only a run that both its handlers failed to close leaves a lock
 * this old.
 */
export const SPLIT_LEASE_MS = 8 * 60 * 60_000;

/** A run that took the tenant from an expired lease: the run it took it from, to be closed as not processed. */
export type LockTaken =
  | {
      held: true;
      previous?: NonNullable<LockRecord['previous']>;
      /** Written now (the tenant was free or its lease expired), not found held by this run already. */
      fresh?: true;
    }
  | { held: false };

const isExpired = (lock: LockRecord, now: Date): boolean =>
  lock.expiresAt !== undefined && Date.parse(lock.expiresAt) <= now.getTime();

/**
 * Takes the tenant's lock for a run (one run at a time per tenant, SPEC §2.3) as a lease: a conditional write of
 * who holds it and until when. Held when the write succeeds, when an earlier delivery of the same run took it and
 * died before its manifest, and when the lock is an expired lease of a run that never handed its file on: then it
 * is taken over with a write that must find the lock unchanged (`If-Match`), so of two files that find it expired
 * one wins. The taken-over run is recorded in the new lock, so that a retry after a crash still closes it.
 */
export const takeTenantLock = async (
  store: ObjectStore,
  request: RunFiles & { tenantId: string },
  now: () => Date,
): Promise<LockTaken> => {
  const { tenantId, runId } = request;
  const since = now();
  const lock: LockRecord = {
    runId,
    since: since.toISOString(),
    expiresAt: new Date(since.getTime() + SPLIT_LEASE_MS).toISOString(),
    file: request.file,
    supersedes: request.supersedes,
  };
  if ((await store.putText(keys.lock(tenantId), JSON.stringify(lock), { ifAbsent: true })) === 'written')
    return { held: true, fresh: true };
  const current = await store.getTagged(keys.lock(tenantId));
  // Released in between: the caller tries again (it never waits behind a run that ended).
  if (!current) return { held: false };
  const holder = parseRecord(LockRecordSchema, current.text, keys.lock(tenantId));
  if (holder.runId === runId)
    return holder.previous ? { held: true, previous: holder.previous } : { held: true };
  // A lock held by a run that is over is stale whatever its lease says: a late delivery of that run took it after
  // its finalizer released it, and died before giving it back (its message may be gone: SQS deletes a message on the
  // first receive's success). It is taken over like an expired lease; closing that run again is a no-op.
  const over = (await readRecord(store, keys.finalizeClaim(tenantId, holder.runId), FinalizeClaimSchema))
    ?.done;
  if (!over && (!isExpired(holder, since) || (await store.exists(keys.dispatched(tenantId, holder.runId)))))
    return { held: false };
  const previous = { runId: holder.runId, file: holder.file, supersedes: holder.supersedes ?? [] };
  const takeover: LockRecord = { ...lock, previous };
  const written = await store.putText(keys.lock(tenantId), JSON.stringify(takeover), {
    ifMatch: current.tag,
  });
  return written === 'written' ? { held: true, previous, fresh: true } : { held: false };
};

/** The run that holds the tenant's lock, if any. */
export const lockHolderOf = async (store: ObjectStore, tenantId: string): Promise<string | undefined> =>
  (await readRecord(store, keys.lock(tenantId), LockRecordSchema))?.runId;

/**
 * Releases the tenant's lock when this run holds it; a lock another run took since (or none) is left alone, so a
 * repeated release never frees a lock that is not ours.
 */
export const releaseTenantLock = async (
  store: ObjectStore,
  tenantId: string,
  runId: string,
): Promise<void> => {
  const lock = await readRecord(store, keys.lock(tenantId), LockRecordSchema);
  if (lock?.runId === runId) await store.delete(keys.lock(tenantId));
};
