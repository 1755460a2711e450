import { SESv2Client } from '@aws-sdk/client-sesv2';
import { SesMailer } from '../../adapters/index.js';
import type { Mailer } from '../../core/ports/index.js';

/** The report's mailer over SES. */
export const sesMailer = (): Mailer => new SesMailer(new SESv2Client({}));
