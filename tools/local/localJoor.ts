import { createJoorClient } from '../../lambdas/adapters/joor/index.js';
import type { TenantConfig } from '../../lambdas/core/config/index.js';
import type { JoorClient, JoorUsage } from '../../lambdas/core/ports/index.js';
import { JoorEmulator, type JoorEmulatorOptions } from '../emulators/joor/JoorEmulator.js';
import type { ExternalJoor } from './externalJoor.js';

/** The emulated JOOR account of a tenant that names none. */
const DEFAULT_ACCOUNT_ID = '1001';
/** The longest wait for JOOR's credits spent in a local function (AWS: 10 s); longer ones are handed back. */
const LOCAL_MAX_INLINE_WAIT_MS = 1_000;
/** The emulator's jobs take milliseconds: a first look soon, and never long between two. */
const EMULATOR_POLL = { firstDelayMs: 100, maxDelayMs: 2_000 };

/**
 * The v2 token of an emulated JOOR account: one per account, since JOOR knows the account (and charges its credits)
 * by the token. One token for all would put every tenant on the first account's budget.
 */
export const localJoorToken = (accountId: string): string => `local-emulator-token-${accountId}`;

/**
 * The JOOR emulator with an account per JOOR account the tenants name, holding the tenant's reference data (the
 * first tenant's, when two share an account).
 */
export const startJoorEmulator = async (
  tenants: TenantConfig[],
  pace: Pick<JoorEmulatorOptions, 'windowMs' | 'creditsPerWindow' | 'job' | 'latencyMs'> = {},
): Promise<{ joor: JoorEmulator; url: string }> => {
  const accounts = new Map<string, TenantConfig | undefined>();
  for (const tenant of tenants)
    if (!accounts.has(tenant.joor.accountId ?? DEFAULT_ACCOUNT_ID))
      accounts.set(tenant.joor.accountId ?? DEFAULT_ACCOUNT_ID, tenant);
  if (accounts.size === 0) accounts.set(DEFAULT_ACCOUNT_ID, undefined);
  const joor = new JoorEmulator({
    ...pace,
    accounts: [...accounts].map(([accountId, tenant]) => ({
      accountId,
      v2Token: localJoorToken(accountId),
      v4: { clientId: 'local', clientSecret: 'local', username: 'local', password: 'local' },
      ...(tenant?.referenceData ? { referenceData: tenant.referenceData } : {}),
    })),
  });
  return { joor, url: await joor.start() };
};

/**
 * One JOOR client per tenant, made at its first use from its config: to the emulator at `emulatorUrl` with its
 * account's token, or with `--joor` to that JOOR with the credentials from the environment. Waits for JOOR's credits
 * are handed back to the queue rather than spent in a function, as in AWS.
 */
export const localJoorClients = (emulatorUrl: string, external?: ExternalJoor) => {
  const clients = new Map<string, JoorClient>();
  const clientFor = (config: TenantConfig): JoorClient =>
    external
      ? createJoorClient(
          {
            ...config,
            joor: {
              ...config.joor,
              environment: external.environment,
              baseUrl: external.baseUrl,
              authUrl: external.authUrl,
            },
          },
          {
            credentials: async () => external.credentials,
            retry: { maxInlineWaitMs: LOCAL_MAX_INLINE_WAIT_MS },
          },
        )
      : createJoorClient(
          { ...config, joor: { ...config.joor, baseUrl: emulatorUrl, authUrl: `${emulatorUrl}/auth` } },
          {
            credentials: async () => ({
              v2Token: localJoorToken(config.joor.accountId ?? DEFAULT_ACCOUNT_ID),
            }),
            poll: EMULATOR_POLL,
            retry: { maxInlineWaitMs: LOCAL_MAX_INLINE_WAIT_MS },
          },
        );
  return {
    /** The handlers' `joorFor`, given how they load a tenant's config. */
    joorFor:
      (loadTenant: (tenantId: string) => Promise<TenantConfig>) =>
      async (tenantId: string): Promise<JoorClient> => {
        let client = clients.get(tenantId);
        if (!client) {
          client = clientFor(await loadTenant(tenantId));
          clients.set(tenantId, client);
        }
        return client;
      },
    /** What the clients have spent so far, all tenants together (time waiting on JOOR included). */
    usage: (): JoorUsage => {
      const total: JoorUsage = { requests: 0, credits: 0, throttled: 0, waitedMs: 0, requestMs: 0 };
      for (const client of clients.values())
        for (const [key, value] of Object.entries(client.usage())) total[key as keyof JoorUsage] += value;
      return total;
    },
  };
};
