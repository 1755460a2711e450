import type { MessageSender, ObjectStore } from '../core/ports/index.js';
import { recordedBatches } from './batchPosts.js';
import { keys } from './keys.js';
import { readManifest } from './manifest.js';
import { requestFinalize } from './requestFinalize.js';
import type { BatchResult } from './runTypes.js';

/**
 * Records a batch's result once (a redelivered batch finds it there) and asks for the finalizer when every batch
 * of the run has one. Several writers may ask; the finalizer's own claim makes exactly one proceed.
 */
export const recordBatchResult = async (
  store: ObjectStore,
  finalizeQueue: MessageSender,
  tenantId: string,
  runId: string,
  result: BatchResult,
): Promise<void> => {
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
