import { secretsManagerCredentials, ssmParameterCredentials } from '../../adapters/index.js';
import { createJoorClient } from '../../adapters/joor/index.js';
import type { TenantConfig } from '../../core/config/index.js';
import type { CredentialsProvider, JoorClient } from '../../core/ports/index.js';
import { required } from './environment.js';
import { tenantParametersClient, tenantSecretsClient } from './tenantSecrets.js';

/** How long a warm container trusts the tenant config a JOOR client was built from before reading it again. */
export const TENANT_CONFIG_TTL_MS = 5 * 60_000;

interface CachedClient {
  client: JoorClient;
  /** The parts of the config the client was built from. */
  builtFrom: string;
  checkedAt: number;
}

const builtFromOf = (tenant: TenantConfig): string =>
  JSON.stringify({ joor: tenant.joor, bulkSize: tenant.bulkSize });

/**
 * The tenant's JOOR credentials where its config says they are: its SSM SecureString parameter, or its Secrets
 * Manager secret, read with the tenant's own session of the tenant-secrets role (`TENANT_SECRETS_ROLE_ARN`).
 */
export const credentialsOf = (tenant: TenantConfig, roleArn: string | undefined): CredentialsProvider => {
  const { credentialsParameter, secretName } = tenant.joor;
  if (credentialsParameter)
    return ssmParameterCredentials(tenantParametersClient(tenant.tenantId, roleArn), credentialsParameter);
  const name = required(
    secretName,
    `joor.secretName (or joor.credentialsParameter) of tenant ${tenant.tenantId}`,
  );
  return secretsManagerCredentials(tenantSecretsClient(tenant.tenantId, roleArn), name);
};

/** The deployed client: the tenant's environment and account, its credentials from its parameter or secret. */
const deployedClient = (): ((tenant: TenantConfig) => JoorClient) => {
  const roleArn = process.env.TENANT_SECRETS_ROLE_ARN || undefined;
  return (tenant) => createJoorClient(tenant, { credentials: credentialsOf(tenant, roleArn) });
};

/**
 * One JOOR client per tenant, kept across invocations of a warm container (its credit budget and token live on),
 * but never for longer than its config holds: the config is read again after a few minutes, and a client built
 * from a config that changed since (host, account, secret, environment, bulk size) is dropped for a new one.
 */
export const joorClientsFor = (
  loadTenant: (tenantId: string) => Promise<TenantConfig>,
  options: { build?: (tenant: TenantConfig) => JoorClient; now?: () => number } = {},
): ((tenantId: string) => Promise<JoorClient>) => {
  const build = options.build ?? deployedClient();
  const now = options.now ?? Date.now;
  const clients = new Map<string, CachedClient>();
  return async (tenantId) => {
    const cached = clients.get(tenantId);
    if (cached && now() - cached.checkedAt < TENANT_CONFIG_TTL_MS) return cached.client;
    const tenant = await loadTenant(tenantId);
    const builtFrom = builtFromOf(tenant);
    if (cached?.builtFrom === builtFrom) {
      cached.checkedAt = now();
      return cached.client;
    }
    const client = build(tenant);
    clients.set(tenantId, { client, builtFrom, checkedAt: now() });
    return client;
  };
};
