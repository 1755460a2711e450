import { describe, expect, it, vi } from 'vitest';
import type { TenantConfig } from '../../../lambdas/core/config/index.js';
import { parseTenantConfig } from '../../../lambdas/core/config/index.js';
import type { JoorClient } from '../../../lambdas/core/ports/index.js';
import { joorClientsFor, TENANT_CONFIG_TTL_MS } from '../../../lambdas/handlers/wiring/joorClients.js';

const config = (accountId: string, baseUrl = 'https://joor.example'): TenantConfig =>
  parseTenantConfig(
    { tenantId: 'maison', joor: { environment: 'sandbox', accountId, baseUrl, secretName: 's' } },
    't',
  );

const setUp = () => {
  let clock = 0;
  let current = config('1001');
  const loadTenant = vi.fn(async () => current);
  const build = vi.fn(
    (tenant: TenantConfig) => ({ account: tenant.joor.accountId }) as unknown as JoorClient,
  );
  const joorFor = joorClientsFor(loadTenant, { build, now: () => clock });
  return {
    joorFor,
    loadTenant,
    build,
    advance: (ms: number) => {
      clock += ms;
    },
    change: (next: TenantConfig) => {
      current = next;
    },
  };
};

describe('joorClientsFor', () => {
  it('keeps one client per tenant while its config is fresh, without reading the config again', async () => {
    const { joorFor, loadTenant, build, advance } = setUp();
    const first = await joorFor('maison');
    advance(TENANT_CONFIG_TTL_MS - 1);
    expect(await joorFor('maison')).toBe(first);
    expect(loadTenant).toHaveBeenCalledTimes(1);
    expect(build).toHaveBeenCalledTimes(1);
  });

  it('reads the config again after a few minutes and keeps the client (budget, token) when nothing changed', async () => {
    const { joorFor, loadTenant, build, advance } = setUp();
    const first = await joorFor('maison');
    advance(TENANT_CONFIG_TTL_MS);
    expect(await joorFor('maison')).toBe(first);
    expect(loadTenant).toHaveBeenCalledTimes(2);
    expect(build).toHaveBeenCalledTimes(1);
  });

  it('drops the client for a new one when the config it was built from changed (a new JOOR account)', async () => {
    const { joorFor, build, advance, change } = setUp();
    const first = await joorFor('maison');
    change(config('2002'));
    advance(TENANT_CONFIG_TTL_MS);
    const second = await joorFor('maison');
    expect(second).not.toBe(first);
    expect(build).toHaveBeenLastCalledWith(
      expect.objectContaining({ joor: expect.objectContaining({ accountId: '2002' }) }),
    );
  });
});
