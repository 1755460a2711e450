import { CustomerSyncError } from '../core/index.js';
import type { MessageSender, ObjectStore } from '../core/ports/index.js';
import { type AbandonFinalizeDeps, abandonFinalize } from './abandonFinalize.js';
import { abandonStart } from './abandonStart.js';
import {
  causeOf,
  closingReason,
  failsTheSameWay,
  isPassing,
  recordFailedDelivery,
} from './failedDeliveries.js';
import type { DeliveryFailure } from './runTypes.js';
import type { StartRequest } from './startRun.js';

/** `retry`: the queue brings it back; `closed`: this call closed the run; `done`: it was closed already. */
export type AfterFailure = 'retry' | 'closed' | 'done';

/** Records a failed delivery; when the store cannot take it either, the queue's own retries decide. */
const record = async (
  store: ObjectStore,
  run: { tenantId: string; runId: string },
  deliveryId: string,
  failure: DeliveryFailure,
): Promise<DeliveryFailure[] | undefined> =>
  recordFailedDelivery(store, run, deliveryId, failure).catch(() => undefined);

/**
 * A splitter delivery failed: the failure is recorded with its cause, and when it repeats the one before
 * (SAME_FAILURES_TO_CLOSE), the run is closed as not processed now (its report names the cause and the deliveries),
 * so that the tenant is released and its next file starts, instead of after the queue's last receive. Safe to
 * repeat: the record is keyed by the delivery, and abandonStart hands a run on once.
 */
export const closeIfPoisonedStart = async (
  request: StartRequest,
  error: unknown,
  deliveryId: string,
  deps: { store: ObjectStore; finalizeQueue: MessageSender; now?: () => Date },
): Promise<AfterFailure> => {
  if (isPassing(error)) return 'retry';
  const at = (deps.now ?? (() => new Date()))().toISOString();
  const failures = await record(deps.store, request, deliveryId, { stage: 'split', at, ...causeOf(error) });
  if (!failures || !failsTheSameWay(failures)) return 'retry';
  const outcome = await abandonStart(request, closingReason(failures, ''), deps);
  return outcome === 'abandoned' ? 'closed' : 'done';
};

/** The same for a finalizer delivery: the run is closed without its finalizer, as its dead-letter handler would. */
export const closeIfPoisonedFinalize = async (
  run: { tenantId: string; runId: string },
  error: unknown,
  deliveryId: string,
  deps: AbandonFinalizeDeps,
): Promise<AfterFailure> => {
  // Another finalizer at work (FinalizeInProgress) is not a failure of the run.
  if ((error instanceof CustomerSyncError && error.code === 'come_back_later') || isPassing(error))
    return 'retry';
  const failure: DeliveryFailure = { stage: 'finalize', at: deps.now().toISOString(), ...causeOf(error) };
  const failures = await record(deps.store, run, deliveryId, failure);
  if (!failures || !failsTheSameWay(failures)) return 'retry';
  const outcome = await abandonFinalize(run.tenantId, run.runId, closingReason(failures, ''), deps);
  return outcome === 'abandoned' ? 'closed' : 'done';
};
