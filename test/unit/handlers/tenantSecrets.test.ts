import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { TENANT_SESSION_TAG, tenantSecretsClient } from '../../../lambdas/handlers/wiring/tenantSecrets.js';
import { TENANT_SESSION_TAG as TAG_IN_STACK } from '../../../lib/platform/tenantConventions.js';

const ROLE = 'arn:aws:iam::123456789012:role/TenantSecretsRole';

/** STS as the SDK speaks to it (query protocol): answers AssumeRole, keeps what it was asked. */
const startSts = async () => {
  const requests: URLSearchParams[] = [];
  const server = createServer((req, res) => {
    let body = '';
    req.on('data', (chunk) => {
      body += chunk;
    });
    req.on('end', () => {
      requests.push(new URLSearchParams(body));
      const expiry = new Date(Date.now() + 3_600_000).toISOString();
      res
        .writeHead(200, { 'content-type': 'text/xml' })
        .end(
          `<AssumeRoleResponse xmlns="https://sts.amazonaws.com/doc/2011-06-15/"><AssumeRoleResult><Credentials><AccessKeyId>ASIATEST</AccessKeyId><SecretAccessKey>secret</SecretAccessKey><SessionToken>token</SessionToken><Expiration>${expiry}</Expiration></Credentials><AssumedRoleUser><Arn>${ROLE}/s</Arn><AssumedRoleId>AROA:s</AssumedRoleId></AssumedRoleUser></AssumeRoleResult></AssumeRoleResponse>`,
        );
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    requests,
    stop: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
};

afterEach(() => vi.unstubAllEnvs());

describe('the consumer’s Secrets Manager client', () => {
  it('reads with a session of the tenant-secrets role tagged with the tenant, which the role’s policy names', async () => {
    const sts = await startSts();
    vi.stubEnv('AWS_ENDPOINT_URL_STS', sts.url);
    vi.stubEnv('AWS_REGION', 'us-east-1');
    vi.stubEnv('AWS_ACCESS_KEY_ID', 'test');
    vi.stubEnv('AWS_SECRET_ACCESS_KEY', 'test');
    try {
      const client = tenantSecretsClient('acme', ROLE);
      const credentials = await client.config.credentials();
      expect(credentials.accessKeyId).toBe('ASIATEST');
      const [request] = sts.requests;
      expect(Object.fromEntries(request!)).toMatchObject({
        Action: 'AssumeRole',
        RoleArn: ROLE,
        RoleSessionName: 'customer-sync-acme',
        'Tags.member.1.Key': TENANT_SESSION_TAG,
        'Tags.member.1.Value': 'acme',
      });
      // The stack's policy reads the same tag name.
      expect(TENANT_SESSION_TAG).toBe(TAG_IN_STACK);
    } finally {
      await sts.stop();
    }
  });

  it('uses the function’s own credentials where there is no role (emulators, tests)', async () => {
    vi.stubEnv('AWS_REGION', 'us-east-1');
    vi.stubEnv('AWS_ACCESS_KEY_ID', 'own-key');
    vi.stubEnv('AWS_SECRET_ACCESS_KEY', 'own-secret');
    const credentials = await tenantSecretsClient('acme', undefined).config.credentials();
    expect(credentials.accessKeyId).toBe('own-key');
  });
});
