import { keys } from '../../lambdas/pipeline/keys.js';
import { buildManifest } from '../../lambdas/pipeline/manifest.js';
import type { MemoryObjectStore } from './memory.js';

/**
 * A run of one batch whose result an earlier delivery already recorded: processing its message again asks JOOR for
 * nothing and only checks completion (asks for the finalizer).
 */
export const putRecordedBatch = (
  store: Pick<MemoryObjectStore, 'put'>,
  tenantId: string,
  runId: string,
): void => {
  store.put(keys.result(tenantId, runId, 0), JSON.stringify({ batch: 0, accepted: [], failures: [] }));
  store.put(
    keys.manifest(tenantId, runId),
    JSON.stringify(
      buildManifest({
        runId,
        tenantId,
        file: {
          key: `inbox/${tenantId}/customer.psv`,
          name: 'customer.psv',
          receivedAt: '2026-11-27T08:00:00Z',
        },
        supersedes: [],
        snapshotKey: keys.snapshot(tenantId, 'sandbox', undefined),
        locked: true,
        plan: { batches: 1, sentHashes: {}, oversized: [], maxBatchBytes: 900_000 },
      }),
    ),
  );
};
