import type { TenantConfig } from '../core/config/index.js';
import type { Mailer, ObjectStore } from '../core/ports/index.js';
import type { SyncReport } from '../core/reporting/index.js';
import { keys } from './keys.js';
import { readRecord } from './readRecord.js';
import type { EmailRecord, FinalizeClaim } from './runTypes.js';
import { FinalizeClaimSchema } from './schemas.js';
import { sendReportEmail } from './sendReportEmail.js';

const INTERRUPTED =
  'The report held for the tenant config was being sent when the finalizer stopped: it may not have been sent.';

/**
 * Emails the reports of runs closed as not processed while the tenant's config could not be read (abandonFinalize
 * holds them), now that it can: the finalizer of the tenant's next run calls this with the config it read. Each
 * report is sent at most once: the run's claim is marked `sending` before the send and the outcome recorded after,
 * and the held entry is removed last; a send found marked (a finalizer died in between) is not sent again.
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
    const claim = await readRecord(store, keys.finalized(tenantId, runId), FinalizeClaimSchema);
    const text = await store.getText(keys.report(tenantId, runId, 'json'));
    if (claim && text && claim.email?.status !== 'sent') {
      let email: EmailRecord;
      if (claim.email?.status === 'sending') email = { status: 'failed', attempts: 1, reason: INTERRUPTED };
      else {
        await writeClaim(store, tenantId, runId, { ...claim, email: { status: 'sending' } });
        // Written by abandonFinalize from the same SyncReport type; a report is never read from outside.
        const report = JSON.parse(text) as SyncReport;
        email = await sendReportEmail(
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
      }
      await writeClaim(store, tenantId, runId, {
        ...claim,
        email,
        ...(email.status === 'sent' ? { emailed: true } : {}),
      });
      if (email.status === 'sent') sent.push(runId);
    }
    await store.delete(key);
  }
  return sent;
};

const writeClaim = (store: ObjectStore, tenantId: string, runId: string, claim: FinalizeClaim) =>
  store.putText(keys.finalized(tenantId, runId), JSON.stringify(claim));
