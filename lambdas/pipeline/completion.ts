import type { MessageSender, ObjectStore } from '../core/ports/index.js';
import { recordedBatches } from './batchPosts.js';
import { keys } from './keys.js';
import { readManifest } from './manifest.js';
import { requestFinalize } from './requestFinalize.js';
import type { BatchResult } from './runTypes.js';

/**
 * The one writer of batch results (`results/N.json`): each written once, by a conditional write, so that of the
 * consumer, the job checks, their dead-letter handler and a run's close the first to record a batch decides it and a
 * repeat finds it there; then the finalizer is asked for when every batch of the run has one. Several writers may ask;
 * the finalizer's own claim makes exactly one proceed.
 */
export const recordResults = async (
  store: ObjectStore,
  finalizeQueue: MessageSender,
  tenantId: string,
  runId: string,
  results: readonly BatchResult[],
): Promise<void> => {
  for (const result of results)
    await store.putText(keys.result(tenantId, runId, result.batch), JSON.stringify(result), {
      ifAbsent: true,
      contentType: 'application/json',
    });
  await checkCompletion(store, finalizeQueue, tenantId, runId);
};

/** Asks for the finalizer when every batch of the run has a recorded result. */
export const checkCompletion = async (
  store: ObjectStore,
  finalizeQueue: MessageSender,
  tenantId: string,
  runId: string,
): Promise<void> => {
  const manifest = await readManifest(store, tenantId, runId);
  const recorded = await recordedBatches(store, tenantId, runId);
  if (recorded.size >= manifest.batches) await requestFinalize(finalizeQueue, tenantId, runId);
};
