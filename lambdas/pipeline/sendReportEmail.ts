import type { TenantConfig } from '../core/config/index.js';
import type { Mailer } from '../core/ports/index.js';
import { buildReportEmail, type SyncReport } from '../core/reporting/index.js';
import type { EmailRecord } from './runTypes.js';

/** Sends of one report tried before the failure is recorded (SES answers throttling and transient errors). */
export const EMAIL_ATTEMPTS = 3;
const EMAIL_RETRY_BASE_MS = 500;

const defaultSleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

/**
 * Sends a run's report email, trying a bounded number of times, and says what became of it. Never throws for a
 * refused send: an unverified sender or the SES sandbox must not hold the tenant (the failure is recorded with the
 * run and counted instead).
 */
export const sendReportEmail = async (
  report: SyncReport,
  tenant: TenantConfig,
  mailer: Mailer,
  sleep: (ms: number) => Promise<void> = defaultSleep,
): Promise<EmailRecord> => {
  if (!tenant.report.sender || tenant.report.recipients.length === 0) return { status: 'not_configured' };
  const email = await buildReportEmail(report, {
    from: tenant.report.sender,
    to: tenant.report.recipients,
    bodyRowLimit: tenant.report.bodyRowLimit,
  });
  let reason = '';
  for (let attempt = 1; attempt <= EMAIL_ATTEMPTS; attempt += 1) {
    try {
      await mailer.sendRaw(email);
      return { status: 'sent', attempts: attempt };
    } catch (error) {
      reason = `${(error as Error).name}: ${(error as Error).message}`;
      if (attempt < EMAIL_ATTEMPTS) await sleep(EMAIL_RETRY_BASE_MS * 2 ** (attempt - 1));
    }
  }
  return { status: 'failed', attempts: EMAIL_ATTEMPTS, reason };
};
