import { GetParameterCommand, SSMClient } from '@aws-sdk/client-ssm';
import { mockClient } from 'aws-sdk-client-mock';
import 'aws-sdk-client-mock-vitest/extend';
import { beforeEach, describe, expect, it } from 'vitest';
import { ssmParameterCredentials } from '../../../lambdas/adapters/SsmParameterCredentials.js';

const ssm = mockClient(SSMClient);
beforeEach(() => ssm.reset());

const NAME = '/customer-sync/tenants/acme/joor';
const v4 = { clientId: 'c', clientSecret: 's', username: 'u', password: 'p' };

// JOOR credentials in SSM Parameter Store (#34): the same JSON as a Secrets Manager secret, at no monthly cost.
describe('ssmParameterCredentials', () => {
  it('reads the SecureString decrypted, and caches it', async () => {
    ssm.on(GetParameterCommand).resolves({ Parameter: { Value: JSON.stringify({ v2Token: 't0ken', v4 }) } });
    let clock = 0;
    const provider = ssmParameterCredentials(new SSMClient({}), NAME, () => clock);
    expect(await provider()).toEqual({ v2Token: 't0ken', v4 });
    await provider();
    expect(ssm).toHaveReceivedCommandTimes(GetParameterCommand, 1);
    expect(ssm).toHaveReceivedCommandWith(GetParameterCommand, { Name: NAME, WithDecryption: true });
    // Read again when asked for fresh credentials (JOOR refused them), and after a few minutes (a rotated value).
    await provider({ fresh: true });
    clock += 5 * 60_000;
    await provider();
    expect(ssm).toHaveReceivedCommandTimes(GetParameterCommand, 3);
  });

  it('refuses a malformed value naming the fields, never the values', async () => {
    ssm.on(GetParameterCommand).resolves({
      Parameter: { Value: JSON.stringify({ v4: { clientId: 'c', clientSecret: 'S3CRET', username: '' } }) },
    });
    const error = await ssmParameterCredentials(new SSMClient({}), NAME)().catch((e: Error) => e);
    expect(String(error)).toMatch(
      /Parameter \/customer-sync\/tenants\/acme\/joor does not hold JOOR credentials \(check: v4\.username, v4\.password\)/,
    );
    expect(String(error)).not.toContain('S3CRET');
  });

  it('refuses a value that is not JSON, and a parameter without a value', async () => {
    ssm
      .on(GetParameterCommand)
      .resolvesOnce({ Parameter: { Value: 'token=abc' } })
      .resolvesOnce({});
    await expect(ssmParameterCredentials(new SSMClient({}), NAME)()).rejects.toThrow(/is not JSON/);
    await expect(ssmParameterCredentials(new SSMClient({}), NAME)()).rejects.toThrow(/is not JSON/);
  });
});
