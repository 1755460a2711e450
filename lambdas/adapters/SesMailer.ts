import { type SESv2Client, SendEmailCommand } from '@aws-sdk/client-sesv2';
import { type Mailer, MailThrottled } from '../core/ports/index.js';

/**
 * What SES answers when the account is over its sending rate or its daily quota: v2's TooManyRequestsException (429)
 * and LimitExceededException, and the ThrottlingException ("Maximum sending rate exceeded", "Daily message quota
 * exceeded") the SES Developer Guide names ("Errors related to the sending quotas for your Amazon SES account"). The
 * guide's advice, to wait up to 10 minutes and send again, is what the pipeline does with a held report.
 */
const THROTTLING = [
  'TooManyRequestsException',
  'LimitExceededException',
  'ThrottlingException',
  'Throttling',
];
const QUOTA_MESSAGES = /maximum sending rate exceeded|daily message quota exceeded/i;

const isThrottling = (error: Error): boolean =>
  THROTTLING.includes(error.name) || QUOTA_MESSAGES.test(error.message);

/**
 * Sends the raw MIME report through SES v2 from the tenant's verified identity, always under the platform's
 * configuration set: it is what requires TLS and sends bounces to the operators, and an identity's default set is
 * one setting of the identity away from being another (or none). The client's retry strategy (sesRetryStrategy.ts)
 * paces and retries what SES answered; a throttling that outlasts it is MailThrottled.
 */
export class SesMailer implements Mailer {
  constructor(
    private readonly ses: SESv2Client,
    private readonly configurationSet: string,
  ) {}

  async sendRaw(email: { from: string; to: string[]; raw: Buffer }): Promise<void> {
    try {
      await this.ses.send(
        new SendEmailCommand({
          FromEmailAddress: email.from,
          Destination: { ToAddresses: email.to },
          Content: { Raw: { Data: email.raw } },
          ConfigurationSetName: this.configurationSet,
        }),
      );
    } catch (error) {
      if (error instanceof Error && isThrottling(error))
        throw new MailThrottled(`SES throttled the send: ${error.name}: ${error.message}`, { cause: error });
      throw error;
    }
  }
}
