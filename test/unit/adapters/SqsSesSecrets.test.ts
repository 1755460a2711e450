import { GetSecretValueCommand, SecretsManagerClient } from '@aws-sdk/client-secrets-manager';
import { SESv2Client, SendEmailCommand } from '@aws-sdk/client-sesv2';
import { SendMessageBatchCommand, SQSClient } from '@aws-sdk/client-sqs';
import { mockClient } from 'aws-sdk-client-mock';
import 'aws-sdk-client-mock-vitest/extend';
import { beforeEach, describe, expect, it } from 'vitest';
import { secretsManagerCredentials } from '../../../lambdas/adapters/SecretsManagerCredentials.js';
import { SesMailer } from '../../../lambdas/adapters/SesMailer.js';
import { chunkForBatchSend, entryFor, SqsSender } from '../../../lambdas/adapters/SqsSender.js';
import { sesMailer } from '../../../lambdas/handlers/wiring/mailer.js';
import { SES_CONFIGURATION_SET } from '../../../lib/platform/tenantConventions.js';

const sqs = mockClient(SQSClient);
const ses = mockClient(SESv2Client);
const secrets = mockClient(SecretsManagerClient);
beforeEach(() => {
  sqs.reset();
  ses.reset();
  secrets.reset();
});

const messages = (count: number, size = 10) =>
  Array.from({ length: count }, (_, k) => ({
    body: String(k).padEnd(size, '.'),
    groupId: 'tenant',
    deduplicationId: `run-${k}`,
  }));

describe('SqsSender', () => {
  // AWS's rule, which neither fauxqs nor moto enforces: SendMessageBatchRequestEntry.MessageDeduplicationId "applies
  // only to FIFO queues" (SQS API Reference); a standard queue refuses it with InvalidParameterValue.
  it('puts group and deduplication ids only on messages to a FIFO queue', async () => {
    sqs.on(SendMessageBatchCommand).resolves({ Successful: [], Failed: [] });
    await new SqsSender(new SQSClient({}), 'https://sqs.eu-west-1.amazonaws.com/1/inbox').send(messages(2));
    await new SqsSender(new SQSClient({}), 'https://sqs.eu-west-1.amazonaws.com/1/work.fifo').send(
      messages(1),
    );
    const [standard, fifo] = sqs.commandCalls(SendMessageBatchCommand).map((c) => c.args[0].input.Entries!);
    expect(standard).toEqual([
      { Id: '0', MessageBody: messages(2)[0]!.body },
      { Id: '1', MessageBody: messages(2)[1]!.body },
    ]);
    expect(fifo).toEqual([
      {
        Id: '0',
        MessageBody: messages(1)[0]!.body,
        MessageGroupId: 'tenant',
        MessageDeduplicationId: 'run-0',
      },
    ]);
  });

  it('refuses a message without a group id for a FIFO queue before SQS does', () => {
    expect(() => entryFor({ body: 'x' }, '0', true)).toThrow(/group id/);
  });

  it('sends in batches of at most ten entries and 1 MiB', () => {
    expect(chunkForBatchSend(messages(23)).map((c) => c.length)).toEqual([10, 10, 3]);
    expect(chunkForBatchSend(messages(3, 900_000)).map((c) => c.length)).toEqual([1, 1, 1]);
  });

  it('sends again only the entries SQS refused', async () => {
    sqs
      .on(SendMessageBatchCommand)
      .resolvesOnce({
        Successful: [],
        Failed: [{ Id: '1', Code: 'InternalError', SenderFault: false, Message: 'try again' }],
      })
      .resolves({ Successful: [], Failed: [] });
    await new SqsSender(new SQSClient({}), 'https://queue/work.fifo').send(messages(3));
    const calls = sqs.commandCalls(SendMessageBatchCommand);
    expect(calls).toHaveLength(2);
    expect(
      calls[0]!.args[0].input.Entries!.map((e) => [e.Id, e.MessageGroupId, e.MessageDeduplicationId]),
    ).toEqual([
      ['0', 'tenant', 'run-0'],
      ['1', 'tenant', 'run-1'],
      ['2', 'tenant', 'run-2'],
    ]);
    expect(calls[1]!.args[0].input.Entries!.map((e) => e.MessageDeduplicationId)).toEqual(['run-1']);
  });

  it('fails loudly when SQS keeps refusing, never dropping a message silently', async () => {
    sqs.on(SendMessageBatchCommand).resolves({
      Successful: [],
      Failed: [{ Id: '0', Code: 'KmsThrottled', SenderFault: false, Message: 'slow down' }],
    });
    await expect(new SqsSender(new SQSClient({}), 'https://queue').send(messages(1))).rejects.toThrow(
      /refused 1 message\(s\) after 5 attempts: KmsThrottled/,
    );
  }, 10_000);
});

describe('SesMailer', () => {
  it('sends the raw MIME message through SES v2, under the configuration set that requires TLS (#35)', async () => {
    ses.on(SendEmailCommand).resolves({ MessageId: 'm-1' });
    const raw = Buffer.from('Subject: hi\r\n\r\nbody');
    await new SesMailer(new SESv2Client({}), 'customer-sync').sendRaw({
      from: 'sync@brand.example',
      to: ['erp@brand.example'],
      raw,
    });
    expect(ses).toHaveReceivedCommandWith(SendEmailCommand, {
      FromEmailAddress: 'sync@brand.example',
      Destination: { ToAddresses: ['erp@brand.example'] },
      Content: { Raw: { Data: raw } },
      ConfigurationSetName: 'customer-sync',
    });
  });

  it('is wired with the environment’s configuration set, and a deploy without one fails naming it (#35)', async () => {
    ses.on(SendEmailCommand).resolves({ MessageId: 'm-2' });
    const env = { BUCKET_NAME: 'b', SES_CONFIGURATION_SET: SES_CONFIGURATION_SET };
    await sesMailer(env).sendRaw({
      from: 'sync@brand.example',
      to: ['erp@brand.example'],
      raw: Buffer.from('x'),
    });
    expect(ses.commandCalls(SendEmailCommand).map((call) => call.args[0].input.ConfigurationSetName)).toEqual(
      [SES_CONFIGURATION_SET],
    );
    expect(() => sesMailer({ BUCKET_NAME: 'b' })).toThrow(/SES_CONFIGURATION_SET is not set/);
  });
});

describe('secretsManagerCredentials', () => {
  it('reads and caches JOOR credentials', async () => {
    const v4 = { clientId: 'c', clientSecret: 's', username: 'u', password: 'p' };
    secrets.on(GetSecretValueCommand).resolves({ SecretString: JSON.stringify({ v2Token: 't0ken', v4 }) });
    const provider = secretsManagerCredentials(new SecretsManagerClient({}), 'customer-sync/acme/joor');
    expect(await provider()).toEqual({ v2Token: 't0ken', v4 });
    await provider();
    expect(secrets).toHaveReceivedCommandTimes(GetSecretValueCommand, 1);
    expect(secrets).toHaveReceivedCommandWith(GetSecretValueCommand, { SecretId: 'customer-sync/acme/joor' });
  });

  it('reads secrets stored in the earlier one-scheme form', async () => {
    secrets
      .on(GetSecretValueCommand)
      .resolvesOnce({ SecretString: JSON.stringify({ apiVersion: 'v2', token: 't0ken' }) })
      .resolvesOnce({
        SecretString: JSON.stringify({
          apiVersion: 'v4',
          clientId: 'c',
          clientSecret: 's',
          username: 'u',
          password: 'p',
        }),
      });
    expect(await secretsManagerCredentials(new SecretsManagerClient({}), 'a')()).toEqual({
      v2Token: 't0ken',
    });
    expect(await secretsManagerCredentials(new SecretsManagerClient({}), 'b')()).toEqual({
      v4: { clientId: 'c', clientSecret: 's', username: 'u', password: 'p' },
    });
  });

  it('refuses a malformed secret naming the fields, never the values', async () => {
    secrets.on(GetSecretValueCommand).resolves({
      SecretString: JSON.stringify({ v4: { clientId: 'c', clientSecret: 'S3CRET', username: '' } }),
    });
    const error = await secretsManagerCredentials(new SecretsManagerClient({}), 'joor')().catch(
      (e: Error) => e,
    );
    expect(String(error)).toMatch(/does not hold JOOR credentials \(check: v4\.username, v4\.password\)/);
    expect(String(error)).not.toContain('S3CRET');
  });
});
