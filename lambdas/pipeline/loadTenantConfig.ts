import type { TenantConfig } from '../core/config/index.js';
import { parseTenantConfig } from '../core/config/index.js';
import type { ObjectStore } from '../core/ports/index.js';
import { keys } from './keys.js';

/** The tenant's config as its stack stored it, checked against the schema again: a bad one stops the run loudly. */
export const loadTenantConfig = async (store: ObjectStore, tenantId: string): Promise<TenantConfig> => {
  const text = await store.getText(keys.tenantConfig(tenantId));
  if (text === undefined)
    throw new Error(`No config for tenant "${tenantId}" at ${keys.tenantConfig(tenantId)}`);
  return parseTenantConfig(JSON.parse(text), keys.tenantConfig(tenantId));
};
