import type { TenantConfig } from '../core/config/index.js';
import { type Mailer, MailThrottled } from '../core/ports/index.js';
import { buildReportEmail, type SyncReport } from '../core/reporting/index.js';
import type { EmailRecord } from './runTypes.js';

/** Sends of one report tried before the failure is recorded (SES answers throttling and transient errors). */
export const EMAIL_ATTEMPTS = 3;
const EMAIL_RETRY_BASE_MS = 500;

/**
 * The email record of a report SES throttled (its sending rate or daily quota): held, and sent by a later finalizer of
 * the tenant (heldReports.ts), SES's words after it.
 */
export const HELD_FOR_THROTTLING =
  'SES throttled the send: the report is held and sent again within minutes.';

/** Whether a run's email was held because SES throttled it (and is to be sent again). */
export const isHeldForThrottling = (email: EmailRecord | undefined): boolean =>
  email?.status === 'failed' && email.reason.startsWith(HELD_FOR_THROTTLING);

const defaultSleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

/**
 * Failures after which SES may have taken the email: the request went out and no answer came back (a time-out, a
 * connection cut). SES's documents do not say whether such a send went through, so it is not tried again: a second
 * email is worse than a report whose record says it may not have arrived. Any answer from SES (throttling, a 500, a
 * refusal) means it did not send, and the send is tried again.
 */
export const UNANSWERED_FAILURES = ['TimeoutError', 'RequestTimeout', 'ECONNRESET', 'ETIMEDOUT', 'EPIPE'];

const mayHaveBeenSent = (error: Error & { code?: string }): boolean =>
  UNANSWERED_FAILURES.includes(error.name) || UNANSWERED_FAILURES.includes(error.code ?? '');

/**
 * Sends a run's report email, trying a bounded number of times while SES answers that it did not send it, and says
 * what became of it. Never throws for a
 * refused send: an unverified sender or the SES sandbox must not hold the tenant (the failure is recorded with the
 * run and counted instead). A send SES throttled is recorded as held (HELD_FOR_THROTTLING): sendReportOnce keeps it
 * for a later finalizer.
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
      // The mailer's client paced and retried already: trying again now would be throttled too.
      if (error instanceof MailThrottled)
        return { status: 'failed', attempts: attempt, reason: `${HELD_FOR_THROTTLING} ${reason}` };
      if (mayHaveBeenSent(error as Error))
        return {
          status: 'failed',
          attempts: attempt,
          reason: `${reason} (no answer from SES: the email may have been sent, and is not sent again)`,
        };
      if (attempt < EMAIL_ATTEMPTS) await sleep(EMAIL_RETRY_BASE_MS * 2 ** (attempt - 1));
    }
  }
  return { status: 'failed', attempts: EMAIL_ATTEMPTS, reason };
};
