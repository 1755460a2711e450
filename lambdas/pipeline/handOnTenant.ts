import type { MessageSender, ObjectStore } from '../core/ports/index.js';
import { updateClaim } from './finalizeClaim.js';
import { releaseTenant, resumeOf, sendResumes } from './tenantCoordination.js';

/**
 * Releases the tenant at the end of a run and starts its newest waiting file, in one step of the tenant's record
 * (tenantCoordination.ts): a file that joins while this runs either joined before the step (and is started) or finds
 * the step done (and takes the tenant itself). The release leaves another run's tenant alone.
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
  // Files a finalizer of the platform before the coordination record picked may be off its list: sent again (a
  // resume twice is harmless).
  await sendResumes(inboxQueue, claim?.picked ?? []);
  await releaseTenant(
    { store, resume: (run) => sendResumes(inboxQueue, [resumeOf(tenantId, run)]) },
    tenantId,
    runId,
    now,
  );
};
