import type { JoorClient, MessageSender, ObjectStore } from '../core/ports/index.js';
import { checkCompletion, recordBatchResult } from './completion.js';
import { keys } from './keys.js';
import type { BatchMessage, BatchResult } from './runTypes.js';

/** A batch JOOR could not finish before the Lambda's deadline: thrown so that SQS delivers it again. */
export class BatchNotFinished extends Error {
  override name = 'BatchNotFinished';
}

export interface ProcessBatchDeps {
  store: ObjectStore;
  finalizeQueue: MessageSender;
  joorFor: (tenantId: string) => Promise<JoorClient>;
  remainingMs: () => number;
}

/**
 * The consumer's work for one batch (SPEC §2.6): upsert its customers in JOOR and record what JOOR made of each.
 *
 * Every step is safe to repeat (SQS delivers at least once; the function may die between any two calls):
 * - a batch whose result is recorded is not sent again: only the completion check is repeated;
 * - sending a batch to JOOR again is harmless: the bulk connection API upserts by customer_code;
 * - the result is a conditional write: the first one recorded stands (a dead-letter handler's, or a consumer's);
 * - asking for the finalizer twice is harmless: its own claim lets one invocation proceed.
 * A batch JOOR could not finish before the deadline is handed back to SQS whole.
 */
export const processBatch = async (
  message: BatchMessage,
  deps: ProcessBatchDeps,
): Promise<'recorded' | 'already_recorded'> => {
  const { tenantId, runId, batch } = message;
  if ((await deps.store.getText(keys.result(tenantId, runId, batch))) !== undefined) {
    // Recorded by an earlier delivery that died before deleting the message: only the completion check is left.
    await checkCompletion(deps.store, deps.finalizeQueue, tenantId, runId);
    return 'already_recorded';
  }
  const joor = await deps.joorFor(tenantId);
  const outcome = await joor.upsertCustomers(message.customers, { remainingMs: deps.remainingMs() });
  if (!outcome.complete) throw new BatchNotFinished(`Batch ${batch} of run ${runId}: ${outcome.reason}`);
  const result: BatchResult = {
    batch,
    accepted: outcome.results.filter((r) => r.status === 'accepted').map((r) => r.customerCode),
    failures: outcome.results.flatMap((r) =>
      r.status === 'failed' ? [{ customerCode: r.customerCode, code: r.code, message: r.message }] : [],
    ),
  };
  await recordBatchResult(deps.store, deps.finalizeQueue, tenantId, runId, result);
  return 'recorded';
};

/** A batch that exhausted its receives (SPEC §2.6): its customers are reported as failed, never forgotten. */
export const recordDeadLetter = async (
  message: BatchMessage,
  deps: Pick<ProcessBatchDeps, 'store' | 'finalizeQueue'>,
  reason: string,
): Promise<void> => {
  const result: BatchResult = {
    batch: message.batch,
    accepted: [],
    failures: message.customers.map((c) => ({
      customerCode: c.customerCode,
      code: 'delivery_exhausted',
      message: `Not synced: the batch could not be completed after every retry (${reason}); it is sent again with the next file`,
    })),
  };
  await recordBatchResult(deps.store, deps.finalizeQueue, message.tenantId, message.runId, result);
};
