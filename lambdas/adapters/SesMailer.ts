import { type SESv2Client, SendEmailCommand } from '@aws-sdk/client-sesv2';
import type { Mailer } from '../core/ports/index.js';

/** Sends the raw MIME report through SES v2 from the tenant's verified identity. */
export class SesMailer implements Mailer {
  constructor(private readonly ses: SESv2Client) {}

  async sendRaw(email: { from: string; to: string[]; raw: Buffer }): Promise<void> {
    await this.ses.send(
      new SendEmailCommand({
        FromEmailAddress: email.from,
        Destination: { ToAddresses: email.to },
        Content: { Raw: { Data: email.raw } },
      }),
    );
  }
}
