import type { ObjectStore } from '../core/ports/index.js';
import { updateClaim } from './finalizeClaim.js';
import { keys } from './keys.js';
import type { EmailRecord, FinalizeClaim } from './runTypes.js';
import { isHeldForThrottling } from './sendReportEmail.js';

/** Lists a run's report among the tenant's held reports (heldReports.ts); writing it again is harmless. */
export const holdForLater = (store: ObjectStore, tenantId: string, runId: string) =>
  store.putText(keys.heldReport(tenantId, runId), JSON.stringify({ runId }), {
    contentType: 'application/json',
  });

/** What a run's claim says when a handler stopped between marking its email as being sent and recording it. */
export const INTERRUPTED_SEND =
  'A handler stopped while sending the email: it may not have been sent (the report is stored with the run).';

/**
 * The one way a run's report is emailed, by the finalizer and by the dead-letter handler that closes a run alike:
 * at most one email per run, whoever sends it and however often each is delivered again.
 *
 * The claim is marked `sending` before the send, by a conditional write only one invocation can win, and the
 * outcome is recorded after. An invocation that finds an outcome sends nothing and returns it; one that finds
 * `sending` sends nothing either: another invocation is sending, or died while sending (so the email may or may not
 * have gone): it records that the email may not have arrived, which the sender overwrites with its outcome if it
 * is still alive. `send` never throws for a refused send (sendReportEmail records it); if it throws all the same,
 * the claim stays `sending` and a retry records the send as interrupted.
 */
export const sendReportOnce = async (
  store: ObjectStore,
  tenantId: string,
  runId: string,
  now: () => Date,
  send: () => Promise<EmailRecord>,
): Promise<EmailRecord> => {
  let ours = false;
  const marked = await updateClaim(store, tenantId, runId, (claim) => {
    ours = claim?.email === undefined;
    return ours
      ? { ...(claim ?? { startedAt: now().toISOString() }), email: { status: 'sending' } }
      : undefined;
  });
  if (!ours) {
    // A held record found by a later delivery: its entry is written again (its first writer may have died first).
    if (isHeldForThrottling(marked?.email)) await holdForLater(store, tenantId, runId);
    if (marked?.email?.status !== 'sending') return marked!.email!;
    const interrupted: EmailRecord = { status: 'failed', attempts: 1, reason: INTERRUPTED_SEND };
    const recorded = await updateClaim(store, tenantId, runId, (claim) =>
      claim?.email?.status === 'sending' ? { ...claim, email: interrupted } : undefined,
    );
    return recorded?.email ?? interrupted;
  }
  const email = await send();
  await updateClaim(
    store,
    tenantId,
    runId,
    (claim) => ({ ...(claim ?? { startedAt: now().toISOString() }), email }) satisfies FinalizeClaim,
  );
  // A report SES throttled is held as one whose config could not be read is: the tenant's finalizers send it later
  // (heldReports.ts). The entry goes after the record, so that a pass over the held reports finds the record held,
  // never `sending` (which it would take for an interrupted send and drop); a handler that dies in between leaves
  // the record held, and its next delivery writes the entry (above).
  if (isHeldForThrottling(email)) await holdForLater(store, tenantId, runId);
  return email;
};
