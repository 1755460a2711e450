import type { ObjectStore } from '../../lambdas/core/ports/index.js';
import { type FileRef, keys, type TenantRecord } from '../../lambdas/pipeline/index.js';

/**
 * Makes another run hold the tenant, its file handed on (so no lease ends under it): the tenant's coordination record
 * written as the pipeline writes it.
 */
export const holdTenant = async (
  store: ObjectStore,
  tenantId: string,
  runId: string,
  options: { file?: FileRef; since?: string } = {},
): Promise<void> => {
  const since = options.since ?? new Date().toISOString();
  const record: TenantRecord = {
    holder: {
      runId,
      file: options.file ?? {
        key: `inbox/${tenantId}/customer_other.psv`,
        name: 'customer_other.psv',
        receivedAt: since,
      },
      supersedes: [],
      supersededRuns: [],
      spilled: [],
      phase: 'handed_on',
      since,
      expiresAt: '2099-01-01T00:00:00.000Z',
    },
  };
  await store.putText(keys.tenant(tenantId), JSON.stringify(record));
};
