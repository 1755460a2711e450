import { GetSecretValueCommand, SecretsManagerClient } from '@aws-sdk/client-secrets-manager';
import { GetParameterCommand, SSMClient } from '@aws-sdk/client-ssm';
import { mockClient } from 'aws-sdk-client-mock';
import 'aws-sdk-client-mock-vitest/extend';
import { beforeEach, describe, expect, it } from 'vitest';
import { parseTenantConfig } from '../../../lambdas/core/config/index.js';
import { credentialsOf } from '../../../lambdas/handlers/wiring/joorClients.js';

const ssm = mockClient(SSMClient);
const secrets = mockClient(SecretsManagerClient);
beforeEach(() => {
  ssm.reset();
  secrets.reset();
});

const tenant = (joor: Record<string, string>) =>
  parseTenantConfig({ tenantId: 'acme', joor: { accountId: '1', ...joor } }, 't');
const stored = JSON.stringify({ v2Token: 't0ken' });

// Each tenant's credentials where its config says they are (#34): its SSM parameter, or its secret.
describe('the consumer’s JOOR credentials', () => {
  it('come from the tenant’s SSM SecureString parameter when its config names one', async () => {
    ssm.on(GetParameterCommand).resolves({ Parameter: { Value: stored } });
    const provider = credentialsOf(
      tenant({ credentialsParameter: '/customer-sync/tenants/acme/joor' }),
      undefined,
    );
    expect(await provider()).toEqual({ v2Token: 't0ken' });
    expect(ssm).toHaveReceivedCommandWith(GetParameterCommand, {
      Name: '/customer-sync/tenants/acme/joor',
      WithDecryption: true,
    });
    expect(secrets).not.toHaveReceivedCommand(GetSecretValueCommand);
  });

  it('come from its Secrets Manager secret otherwise, as before', async () => {
    secrets.on(GetSecretValueCommand).resolves({ SecretString: stored });
    expect(await credentialsOf(tenant({ secretName: 'customer-sync/acme/joor' }), undefined)()).toEqual({
      v2Token: 't0ken',
    });
    expect(ssm).not.toHaveReceivedCommand(GetParameterCommand);
  });

  it('are refused naming both settings when the config names neither', () => {
    expect(() => credentialsOf(tenant({}), undefined)).toThrow(
      /joor\.secretName \(or joor\.credentialsParameter\)/,
    );
  });
});
