import type { TenantConfig } from '../core/config/index.js';
import { parseTenantConfig } from '../core/config/index.js';
import { CustomerSyncError } from '../core/index.js';
import type { ObjectStore } from '../core/ports/index.js';
import { keys } from './keys.js';

/** Thrown when a tenant has no config, or one that is not valid: nothing a retry can mend. */
export class TenantConfigMissing extends CustomerSyncError {
  override name = 'TenantConfigMissing';
  readonly code = 'invalid_config';
}

/** The tenant's config as its stack stored it, checked against the schema again: a bad one stops the run loudly. */
export const loadTenantConfig = async (store: ObjectStore, tenantId: string): Promise<TenantConfig> => {
  const text = await store.getText(keys.tenantConfig(tenantId));
  if (text === undefined)
    throw new TenantConfigMissing(`No config for tenant "${tenantId}" at ${keys.tenantConfig(tenantId)}`);
  let config: TenantConfig;
  try {
    config = parseTenantConfig(JSON.parse(text), keys.tenantConfig(tenantId));
  } catch (error) {
    throw new TenantConfigMissing(
      `The config of tenant "${tenantId}" is not valid: ${(error as Error).message}`,
    );
  }
  // The key names the tenant the run belongs to (its files' prefix, its lock, the session tag for its secret): a
  // config naming another tenant, put there by mistake or on purpose, would send one tenant's customers with
  // another's credentials, so it stops the run.
  if (config.tenantId !== tenantId)
    throw new TenantConfigMissing(
      `The config at ${keys.tenantConfig(tenantId)} names tenant "${config.tenantId}", not "${tenantId}": refusing to use it`,
    );
  return config;
};

/**
 * The tenant's config, or undefined when there is none that can be read: a run closed then still gets its report
 * stored (and held for its email). A store that failed is thrown, so that the delivery is retried.
 */
export const readableTenant = (
  loadTenant: (tenantId: string) => Promise<TenantConfig>,
  tenantId: string,
): Promise<TenantConfig | undefined> =>
  loadTenant(tenantId).catch((error: unknown) => {
    if (error instanceof TenantConfigMissing) return undefined;
    throw error;
  });
