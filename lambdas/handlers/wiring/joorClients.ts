import { SecretsManagerClient } from '@aws-sdk/client-secrets-manager';
import { secretsManagerCredentials } from '../../adapters/index.js';
import { createJoorClient } from '../../adapters/joor/index.js';
import type { TenantConfig } from '../../core/config/index.js';
import type { JoorClient } from '../../core/ports/index.js';
import { required } from './environment.js';

/**
 * One JOOR client per tenant, kept for the container (its credit budget and token live across invocations), with
 * credentials from the tenant's Secrets Manager secret.
 */
export const joorClientsFor = (
  loadTenant: (tenantId: string) => Promise<TenantConfig>,
): ((tenantId: string) => Promise<JoorClient>) => {
  const secrets = new SecretsManagerClient({});
  const clients = new Map<string, JoorClient>();
  return async (tenantId) => {
    let client = clients.get(tenantId);
    if (!client) {
      const tenant = await loadTenant(tenantId);
      const secretName = required(tenant.joor.secretName, `joor.secretName of tenant ${tenantId}`);
      client = createJoorClient(tenant, { credentials: secretsManagerCredentials(secrets, secretName) });
      clients.set(tenantId, client);
    }
    return client;
  };
};
