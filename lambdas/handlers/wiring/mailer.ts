import { SESv2Client } from '@aws-sdk/client-sesv2';
import { SesMailer } from '../../adapters/index.js';
import type { Mailer } from '../../core/ports/index.js';
import { tracer } from '../powertools.js';
import { type Environment, required } from './environment.js';

/** Attempts the SES client makes of one send: one, see sesMailer. */
export const REPORT_MAILER_SDK_ATTEMPTS = 1;

/**
 * The report's mailer over SES, sending under the configuration set the environment names (SES_CONFIGURATION_SET: a
 * deploy that left it out fails here, naming it). The SDK makes one attempt (`REPORT_MAILER_SDK_ATTEMPTS`): it would
 * send again after a time-out whose email went out; sendReportEmail retries only what SES answered.
 */
export const sesMailer = (env: Environment): Mailer =>
  new SesMailer(
    tracer.captureAWSv3Client(new SESv2Client({ maxAttempts: REPORT_MAILER_SDK_ATTEMPTS })),
    required(env.SES_CONFIGURATION_SET, 'SES_CONFIGURATION_SET'),
  );
