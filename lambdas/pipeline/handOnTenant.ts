import type { MessageSender, ObjectStore } from '../core/ports/index.js';
import { updateClaim } from './finalizeClaim.js';
import { lockHolderOf, releaseTenantLock } from './tenantLock.js';
import { type NextRun, prepareNewestWaiting, sendResumes, startNextRun } from './waitingList.js';

/**
 * Releases the tenant at the end of a run and starts its newest waiting file. The next file is this run's to start
 * only while it holds the tenant (or the tenant is free, when an earlier attempt released it and died): once another
 * run took it, that run's finalizer starts the next one. The release leaves another run's lock alone.
 */
export const handOnTenant = async (
  store: ObjectStore,
  inboxQueue: MessageSender,
  tenantId: string,
  runId: string,
  now: () => Date,
): Promise<void> => {
  // Marked first, so that a late delivery of the run that takes the tenant after the release below gives it back.
  const claim = await updateClaim(store, tenantId, runId, (current) =>
    current?.handingOn ? undefined : { startedAt: now().toISOString(), ...current, handingOn: true },
  );
  // Files an earlier attempt picked may be off the list already: they are sent again (a resume twice is harmless).
  await sendResumes(inboxQueue, claim?.picked ?? []);
  const holder = await lockHolderOf(store, tenantId);
  if (holder !== undefined && holder !== runId) return;
  let next = await prepareNewestWaiting(store, tenantId);
  if (next) await recordPick(store, tenantId, runId, next);
  await releaseTenantLock(store, tenantId, runId);
  // A file that joined the list after it was read found the tenant still held (a file checks the lock after joining)
  // and waits for this run: the list is read again now that the tenant is free, unless another file took it since.
  // A file that joins from now on finds the tenant free itself.
  if (!next && (await lockHolderOf(store, tenantId)) === undefined) {
    next = await prepareNewestWaiting(store, tenantId);
    if (next) await recordPick(store, tenantId, runId, next);
  }
  if (next) await startNextRun(store, inboxQueue, next);
};

/** Adds the picked file to the run's claim before its entries leave the list (see startNextRun). */
const recordPick = async (
  store: ObjectStore,
  tenantId: string,
  runId: string,
  next: NextRun,
): Promise<void> => {
  await updateClaim(store, tenantId, runId, (current) =>
    current?.picked?.some((resume) => resume.runId === next.resume.runId)
      ? undefined
      : { ...current!, picked: [...(current?.picked ?? []), next.resume] },
  );
};
