import { describe, expect, it } from 'vitest';
import { keys } from '../../../lambdas/pipeline/keys.js';
import { loadTenantConfig, TenantConfigMissing } from '../../../lambdas/pipeline/loadTenantConfig.js';
import { MemoryObjectStore } from '../../helpers/memory.js';

describe('loadTenantConfig (#23)', () => {
  it('returns the config stored under the tenant’s own key', async () => {
    const store = new MemoryObjectStore();
    store.put(keys.tenantConfig('maison'), JSON.stringify({ tenantId: 'maison' }));
    expect((await loadTenantConfig(store, 'maison')).tenantId).toBe('maison');
  });

  it('refuses a config whose tenantId is not the one its key names, saying both', async () => {
    const store = new MemoryObjectStore();
    store.put(keys.tenantConfig('maison'), JSON.stringify({ tenantId: 'atelier' }));
    const refused = loadTenantConfig(store, 'maison');
    await expect(refused).rejects.toBeInstanceOf(TenantConfigMissing);
    await expect(refused).rejects.toThrow(
      'The config at config/maison.json names tenant "atelier", not "maison": refusing to use it',
    );
  });
});
