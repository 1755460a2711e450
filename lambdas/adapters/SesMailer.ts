import { type SESv2Client, SendEmailCommand } from '@aws-sdk/client-sesv2';
import type { Mailer } from '../core/ports/index.js';

/**
 * Sends the raw MIME report through SES v2 from the tenant's verified identity, always under the platform's
 * configuration set: it is what requires TLS and sends bounces to the operators, and an identity's default set is
 * one setting of the identity away from being another (or none).
 */
export class SesMailer implements Mailer {
  constructor(
    private readonly ses: SESv2Client,
    private readonly configurationSet: string,
  ) {}

  async sendRaw(email: { from: string; to: string[]; raw: Buffer }): Promise<void> {
    await this.ses.send(
      new SendEmailCommand({
        FromEmailAddress: email.from,
        Destination: { ToAddresses: email.to },
        Content: { Raw: { Data: email.raw } },
        ConfigurationSetName: this.configurationSet,
      }),
    );
  }
}
