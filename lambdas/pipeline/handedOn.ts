import type { ObjectStore } from '../core/ports/index.js';
import { keys } from './keys.js';

/**
 * Whether the run went past the splitter: dispatched (sent, refused, closed as not processed, or superseded), or
 * already being finalized. A delivery of the run that finds it so is a repeat and leaves it to its finalizer; one
 * that died after sending its batches may come back after its run was finalized and the lock released, and must not
 * take the lock again.
 */
export const isHandedOn = async (store: ObjectStore, tenantId: string, runId: string): Promise<boolean> =>
  (await store.exists(keys.dispatched(tenantId, runId))) ||
  (await store.exists(keys.finalizeClaim(tenantId, runId)));
