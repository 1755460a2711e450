import { SESv2Client } from '@aws-sdk/client-sesv2';
import { describe, expect, it } from 'vitest';
import { SesMailer } from '../../../lambdas/adapters/SesMailer.js';
import { MailThrottled } from '../../../lambdas/core/ports/index.js';
import {
  REPORT_MAILER_SDK_ATTEMPTS,
  reportMailerClientConfig,
} from '../../../lambdas/handlers/wiring/mailer.js';

/*
 * The report mailer's SES client as the finalizer makes it, over a request handler that answers as SES would: the
 * SDK's own retry middleware runs (a mocked `send` would skip it).
 */
type Answer = { status: number; errorType?: string } | 'no answer';

const answering = (answers: Answer[]) => {
  const requests: number[] = [];
  const client = new SESv2Client({
    region: 'eu-west-1',
    credentials: { accessKeyId: 'k', secretAccessKey: 's' },
    ...reportMailerClientConfig(),
    requestHandler: {
      handle: async () => {
        requests.push(Date.now());
        const answer = answers[Math.min(requests.length, answers.length) - 1]!;
        if (answer === 'no answer')
          throw Object.assign(new Error('socket hang up'), { name: 'Error', code: 'ECONNRESET' });
        const body =
          answer.status === 200 ? { MessageId: 'm-1' } : { message: `${answer.errorType} from the fake SES` };
        return {
          response: {
            statusCode: answer.status,
            headers: {
              'content-type': 'application/json',
              ...(answer.errorType ? { 'x-amzn-errortype': answer.errorType } : {}),
            },
            body: new TextEncoder().encode(JSON.stringify(body)),
          },
        };
      },
    },
  });
  const mailer = new SesMailer(client, 'customer-sync');
  const send = () =>
    mailer.sendRaw({ from: 'sync@brand.example', to: ['erp@brand.example'], raw: Buffer.from('x') });
  return { send, requests };
};

const throttled: Answer = { status: 429, errorType: 'TooManyRequestsException' };

describe('the report mailer’s retries (#34)', { timeout: 30_000 }, () => {
  it('backs off on SES’s throttling and sends once SES takes it', async () => {
    const { send, requests } = answering([throttled, throttled, { status: 200 }]);
    await send();
    expect(requests).toHaveLength(3);
    // Backed off between the tries, not hammering SES.
    expect(requests[2]! - requests[0]!).toBeGreaterThan(0);
  });

  it('gives up after its attempts with MailThrottled, for the pipeline to hold the report', async () => {
    const { send, requests } = answering([throttled]);
    await expect(send()).rejects.toBeInstanceOf(MailThrottled);
    expect(requests).toHaveLength(REPORT_MAILER_SDK_ATTEMPTS);
  });

  it('sends again after a 5xx, which SES answered (it did not send)', async () => {
    const { send, requests } = answering([{ status: 503, errorType: 'ServiceUnavailable' }, { status: 200 }]);
    await send();
    expect(requests).toHaveLength(2);
  });

  it('never sends again a request SES gave no answer to: the email may have gone out', async () => {
    const { send, requests } = answering(['no answer', { status: 200 }]);
    const error = await send().catch((e: unknown) => e);
    expect(error).not.toBeInstanceOf(MailThrottled);
    expect((error as { code?: string }).code).toBe('ECONNRESET');
    expect(requests).toHaveLength(1);
  });
});
