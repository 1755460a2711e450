import { CustomerSyncError } from '../CustomerSyncError.js';

/** Sends the report email. */
export interface Mailer {
  /** Throws MailThrottled when the mail service refused the send for its rate or quota, after its own retries. */
  sendRaw(email: { from: string; to: string[]; raw: Buffer }): Promise<void>;
}

/**
 * The mail service answered that the account is over its sending rate or its daily quota: the email was not sent,
 * and sending it later will work. The pipeline holds the report and sends it later (heldReports.ts).
 */
export class MailThrottled extends CustomerSyncError {
  override name = 'MailThrottled';
  readonly code = 'throttled';
}
