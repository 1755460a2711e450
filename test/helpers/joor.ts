import { createJoorClient, type JoorClientOptions } from '../../lambdas/adapters/joor/createJoorClient.js';
import { parseTenantConfig } from '../../lambdas/core/config/parseTenantConfig.js';
import type { TenantConfig } from '../../lambdas/core/config/tenantConfig.js';
import type { JoorClient, JoorCredentials } from '../../lambdas/core/ports/index.js';
import {
  DEFAULT_ACCOUNT,
  JoorEmulator,
  type JoorEmulatorOptions,
} from '../../tools/emulators/joor/JoorEmulator.js';

export const V2_CREDENTIALS: JoorCredentials = { v2Token: DEFAULT_ACCOUNT.v2Token };
export const V4_CREDENTIALS: JoorCredentials = { v4: DEFAULT_ACCOUNT.v4 };
/** Both schemes, as a tenant's secret holds them: v2 for the bulk connection calls, v4 for the reference data. */
export const BOTH_CREDENTIALS: JoorCredentials = { v2Token: DEFAULT_ACCOUNT.v2Token, v4: DEFAULT_ACCOUNT.v4 };

/** Retries and polls scaled down so that fault tests run in seconds. */
export const FAST: Pick<JoorClientOptions, 'retry' | 'poll'> = {
  retry: { baseDelayMs: 5, maxDelayMs: 50, requestTimeoutMs: 250, maxAttempts: 6, maxThrottles: 50 },
  poll: { firstDelayMs: 5, maxDelayMs: 40 },
};

export interface JoorHarness {
  emulator: JoorEmulator;
  tenant: TenantConfig;
  client: (options?: Partial<JoorClientOptions>) => JoorClient;
  stop: () => Promise<void>;
}

/** An emulator on a free port and a tenant pointed at it. */
export const startJoor = async (
  emulatorOptions: JoorEmulatorOptions = {},
  tenantJoor: Record<string, unknown> = {},
): Promise<JoorHarness> => {
  const emulator = new JoorEmulator({
    windowMs: 1_000,
    job: { baseMs: 5, perRecordMs: 0.1 },
    ...emulatorOptions,
  });
  const url = await emulator.start();
  const tenant = parseTenantConfig({
    tenantId: 'contract',
    joor: {
      accountId: DEFAULT_ACCOUNT.accountId,
      baseUrl: url,
      authUrl: `${url}/auth`,
      windowSeconds: 1,
      ...tenantJoor,
    },
  });
  return {
    emulator,
    tenant,
    client: (options = {}) =>
      createJoorClient(tenant, { credentials: async () => BOTH_CREDENTIALS, ...FAST, ...options }),
    stop: () => emulator.stop(),
  };
};
