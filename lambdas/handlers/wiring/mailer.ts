import { SESv2Client, type SESv2ClientConfig } from '@aws-sdk/client-sesv2';
import { SesMailer, sesRetryStrategy } from '../../adapters/index.js';
import type { Mailer } from '../../core/ports/index.js';
import { tracer } from '../powertools.js';
import { type Environment, required } from './environment.js';

/**
 * Attempts the SES client makes of one send while SES answers that it did not send it (throttling, a 5xx): about 2 s
 * of SES's throttling back-off (the SDK's 500 ms base, doubled each time, jittered) before the report is held and
 * sent by a later finalizer (heldReports.ts). A send SES gave no answer to is never made again (sesRetryStrategy.ts).
 */
export const REPORT_MAILER_SDK_ATTEMPTS = 4;

/** The SES client's settings of every report mailer, the local platform's too: adaptive, answered sends only. */
export const reportMailerClientConfig = (): Pick<SESv2ClientConfig, 'retryStrategy'> => ({
  retryStrategy: sesRetryStrategy(REPORT_MAILER_SDK_ATTEMPTS),
});

/**
 * The report's mailer over SES (the client paces itself to SES's sending rate: sesRetryStrategy.ts), sending under
 * the configuration set the environment names (SES_CONFIGURATION_SET: a deploy that left it out fails here, naming it).
 */
export const sesMailer = (env: Environment): Mailer =>
  new SesMailer(
    tracer.captureAWSv3Client(new SESv2Client(reportMailerClientConfig())),
    required(env.SES_CONFIGURATION_SET, 'SES_CONFIGURATION_SET'),
  );
