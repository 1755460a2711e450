import { secretsManagerCredentials } from '../../adapters/index.js';
import { createJoorClient } from '../../adapters/joor/index.js';
import type { TenantConfig } from '../../core/config/index.js';
import type { JoorClient } from '../../core/ports/index.js';
import { required } from './environment.js';
import { tenantSecretsClient } from './tenantSecrets.js';

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
 * The deployed client: the tenant's environment and account, credentials from its Secrets Manager secret, read with
 * the tenant's own session of the tenant-secrets role (`TENANT_SECRETS_ROLE_ARN`).
 */
const secretsManagerClient = (): ((tenant: TenantConfig) => JoorClient) => {
  const roleArn = process.env.TENANT_SECRETS_ROLE_ARN || undefined;
  return (tenant) => {
    const secretName = required(tenant.joor.secretName, `joor.secretName of tenant ${tenant.tenantId}`);
    const secrets = tenantSecretsClient(tenant.tenantId, roleArn);
    return createJoorClient(tenant, { credentials: secretsManagerCredentials(secrets, secretName) });
  };
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
  const build = options.build ?? secretsManagerClient();
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
