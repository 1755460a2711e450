import type { TenantConfig } from '../../core/config/index.js';
import type { CredentialsProvider, JoorClient } from '../../core/ports/index.js';
import { BulkConnectionClient } from './BulkConnectionClient.js';
import { CreditBudget } from './CreditBudget.js';
import { connectionFormOf } from './connectionForm.js';
import { JOOR_ENDPOINTS } from './endpoints.js';
import { DEFAULT_RETRY, JoorHttp, type RetrySettings } from './JoorHttp.js';
import { DEFAULT_POLL, type PollSettings } from './jobPolling.js';
import { TokenProvider } from './TokenProvider.js';

export interface JoorClientOptions {
  credentials: CredentialsProvider;
  retry?: Partial<RetrySettings>;
  poll?: Partial<PollSettings>;
  fetchImpl?: typeof fetch;
}

/**
 * The JOOR client of one tenant: its environment's hosts (or the tenant's overrides, e.g. the emulator), its account,
 * and its own credit budget.
 *
 * @example
 * const joor = createJoorClient(tenant, { credentials: async () => ({ v2Token, v4 }) });
 * const outcome = await joor.upsertCustomers(batch, { remainingMs: context.getRemainingTimeInMillis() });
 */
export const createJoorClient = (tenant: TenantConfig, options: JoorClientOptions): JoorClient => {
  const hosts = JOOR_ENDPOINTS[tenant.joor.environment];
  const fetchImpl = options.fetchImpl ?? fetch;
  const form = connectionFormOf(tenant);
  const tokens = new TokenProvider(
    options.credentials,
    tenant.joor.authUrl ?? hosts.auth,
    tenant.joor.accountId,
    fetchImpl,
    Date.now,
    form.refreshGrant,
  );
  const budget = new CreditBudget(tenant.joor.creditsPerWindow, tenant.joor.windowSeconds * 1000);
  const http = new JoorHttp(
    tenant.joor.baseUrl ?? hosts.api,
    tokens,
    budget,
    { ...DEFAULT_RETRY, ...options.retry },
    fetchImpl,
  );
  return new BulkConnectionClient(
    http,
    tenant.bulkSize,
    { ...DEFAULT_POLL, ...options.poll },
    Date.now,
    form,
  );
};
