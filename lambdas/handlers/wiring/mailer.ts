import { SESv2Client } from '@aws-sdk/client-sesv2';
import { SesMailer } from '../../adapters/index.js';
import type { Mailer } from '../../core/ports/index.js';
import { tracer } from '../powertools.js';

/** Attempts the SES client makes of one send: one, see sesMailer. */
export const REPORT_MAILER_SDK_ATTEMPTS = 1;

/**
 * The report's mailer over SES. The SDK makes one attempt (`REPORT_MAILER_SDK_ATTEMPTS`): it would send again after a
 * time-out whose email went out; sendReportEmail retries only what SES answered.
 */
export const sesMailer = (): Mailer =>
  new SesMailer(tracer.captureAWSv3Client(new SESv2Client({ maxAttempts: REPORT_MAILER_SDK_ATTEMPTS })));
