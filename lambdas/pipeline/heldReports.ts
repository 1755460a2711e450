import type { TenantConfig } from '../core/config/index.js';
import type { Mailer, ObjectStore } from '../core/ports/index.js';
import type { SyncReport } from '../core/reporting/index.js';
import { HELD_FOR_CONFIG } from './abandonFinalize.js';
import { updateClaim } from './finalizeClaim.js';
import { keys } from './keys.js';
import type { EmailRecord, FinalizeClaim } from './runTypes.js';
import { sendReportEmail } from './sendReportEmail.js';
import { INTERRUPTED_SEND } from './sendReportOnce.js';

/**
 * Emails the reports of runs closed as not processed while the tenant's config could not be read (abandonFinalize
 * holds them), now that it can: the finalizer of the tenant's next run calls this with the config it read.
 *
 * At most one email per run, as sendReportOnce: the claim's held record is turned into `sending` by a conditional
 * write only one invocation wins, and the outcome recorded after; a claim found `sending` (an invocation died while
 * sending, or another is at it) is recorded as possibly not sent, which a live sender overwrites. The held entry
 * is removed last, so a finalizer that dies before leaves it to the next one.
 */
export const sendHeldReports = async (
  store: ObjectStore,
  tenant: TenantConfig,
  mailer: Mailer,
  sleep?: (ms: number) => Promise<void>,
): Promise<string[]> => {
  const { tenantId } = tenant;
  const prefix = keys.heldReportsPrefix(tenantId);
  const sent: string[] = [];
  for (const key of await store.list(prefix)) {
    const runId = key.slice(prefix.length, -'.json'.length);
    const text = await store.getText(keys.report(tenantId, runId, 'json'));
    let ours = false;
    const marked = await updateClaim(store, tenantId, runId, (claim) => {
      ours =
        claim?.email?.status === 'failed' && claim.email.reason === HELD_FOR_CONFIG && text !== undefined;
      return ours && claim ? { ...claim, email: { status: 'sending' } } : undefined;
    });
    if (ours) {
      // Written by abandonFinalize from the same SyncReport type; a report is never read from outside.
      const report = JSON.parse(text!) as SyncReport;
      const email = await sendReportEmail(
        // Closed without the config: its name, environment and time zone are the config's now.
        {
          ...report,
          tenantName: tenant.displayName ?? tenantId,
          environment: tenant.joor.environment,
          timeZone: tenant.report.timeZone,
        },
        tenant,
        mailer,
        ...(sleep ? [sleep] : []),
      );
      await record(store, tenantId, runId, email);
      if (email.status === 'sent') sent.push(runId);
    } else if (marked?.email?.status === 'sending')
      await updateClaim(store, tenantId, runId, (claim) =>
        claim?.email?.status === 'sending'
          ? { ...claim, email: { status: 'failed', attempts: 1, reason: INTERRUPTED_SEND } }
          : undefined,
      );
    await store.delete(key);
  }
  return sent;
};

const record = (store: ObjectStore, tenantId: string, runId: string, email: EmailRecord) =>
  updateClaim(store, tenantId, runId, (claim) => claim && ({ ...claim, email } satisfies FinalizeClaim));
