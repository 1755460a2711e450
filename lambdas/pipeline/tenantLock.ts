import type { ObjectStore } from '../core/ports/index.js';
import { keys } from './keys.js';
import { readRecord } from './readRecord.js';
import type { LockRecord } from './runTypes.js';
import { LockRecordSchema } from './schemas.js';

/**
 * Takes the tenant's lock for a run (one run at a time per tenant, SPEC §2.3): a conditional write. True when the
 * run holds it, including when an earlier delivery of the same run took it and died before its manifest.
 */
export const takeTenantLock = async (
  store: ObjectStore,
  tenantId: string,
  runId: string,
  now: () => Date,
): Promise<boolean> => {
  const lock: LockRecord = { runId, since: now().toISOString() };
  if ((await store.putText(keys.lock(tenantId), JSON.stringify(lock), { ifAbsent: true })) === 'written')
    return true;
  return (await readRecord(store, keys.lock(tenantId), LockRecordSchema))?.runId === runId;
};

/** Whether any run holds the tenant's lock. */
export const isTenantLocked = async (store: ObjectStore, tenantId: string): Promise<boolean> =>
  (await store.getText(keys.lock(tenantId))) !== undefined;

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
