import {
  LimitExceededException,
  SESv2Client,
  SendEmailCommand,
  TooManyRequestsException,
} from '@aws-sdk/client-sesv2';
import { mockClient } from 'aws-sdk-client-mock';
import 'aws-sdk-client-mock-vitest/extend';
import { beforeEach, describe, expect, it } from 'vitest';
import { SesMailer } from '../../../lambdas/adapters/SesMailer.js';
import { MailThrottled } from '../../../lambdas/core/ports/index.js';

const ses = mockClient(SESv2Client);
beforeEach(() => ses.reset());

const email = {
  from: 'sync@brand.example',
  to: ['erp@brand.example'],
  raw: Buffer.from('Subject: hi\r\n\r\nbody'),
};
const send = () => new SesMailer(new SESv2Client({}), 'customer-sync').sendRaw(email);
const serviceError = (name: string, message: string) =>
  Object.assign(new Error(message), { name, $metadata: { httpStatusCode: 400 } });

// SES's answers over its sending rate and daily quota (#34): the pipeline holds such a report and sends it later,
// so the mailer tells them from a refusal that sending again would not mend.
describe('SesMailer over its quota', () => {
  it('tells SES v2’s throttling and quota answers apart as MailThrottled, with SES’s words', async () => {
    const answers = [
      new TooManyRequestsException({ message: 'Too many requests', $metadata: { httpStatusCode: 429 } }),
      new LimitExceededException({
        message: 'Daily message quota exceeded',
        $metadata: { httpStatusCode: 400 },
      }),
      serviceError('ThrottlingException', 'Maximum sending rate exceeded.'),
      serviceError('Throttling', 'Daily message quota exceeded.'),
    ];
    for (const answer of answers) {
      ses.reset();
      ses.on(SendEmailCommand).rejects(answer);
      const error = await send().catch((e: unknown) => e);
      expect(error).toBeInstanceOf(MailThrottled);
      expect((error as Error).message).toContain(answer.message);
      expect((error as Error).cause).toBe(answer);
    }
  });

  it('leaves every other refusal as SES gave it (a rejected message, an unverified sender)', async () => {
    const rejected = serviceError('MessageRejected', 'Email address is not verified.');
    ses.on(SendEmailCommand).rejects(rejected);
    const error = await send().catch((e: unknown) => e);
    expect(error).not.toBeInstanceOf(MailThrottled);
    expect(error).toBe(rejected);
  });
});
