import type { TenantConfig } from '../../core/config/index.js';
import type { ObjectStore } from '../../core/ports/index.js';
import { loadTenantConfig } from '../../pipeline/index.js';

/** Reads a tenant's config as its stack stored it in the bucket. */
export const tenantLoader =
  (store: ObjectStore) =>
  (tenantId: string): Promise<TenantConfig> =>
    loadTenantConfig(store, tenantId);
