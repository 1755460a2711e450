import { SESv2Client } from '@aws-sdk/client-sesv2';
import { SesMailer } from '../../adapters/index.js';
import type { Mailer } from '../../core/ports/index.js';
import { tracer } from '../powertools.js';

/** The report's mailer over SES. */
export const sesMailer = (): Mailer => new SesMailer(tracer.captureAWSv3Client(new SESv2Client({})));
