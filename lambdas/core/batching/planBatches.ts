import type { Customer } from '../types.js';

/** SQS takes 1 MiB messages; batches stay under 900 KB serialized to leave room for the envelope (SPEC §2.4). */
export const MAX_BATCH_BYTES = 900_000;

export interface BatchPlan {
  batches: Customer[][];
  /** Customers that alone serialize larger than a batch may be: rejected, never silently cut. */
  oversized: Customer[];
}

/**
 * Cuts customers into batches of at most `bulkSize` customers and `maxBytes` of serialized JSON, in order.
 *
 * @example
 * planBatches(customers, { bulkSize: 500 }).batches.length // ⌈customers / 500⌉ for ordinary customers
 */
export const planBatches = (
  customers: Iterable<Customer>,
  options: { bulkSize: number; maxBytes?: number },
): BatchPlan => {
  const maxBytes = options.maxBytes ?? MAX_BATCH_BYTES;
  const plan: BatchPlan = { batches: [], oversized: [] };
  let batch: Customer[] = [];
  // A JSON array: brackets, plus a comma between items.
  let bytes = 2;
  for (const customer of customers) {
    const size = Buffer.byteLength(JSON.stringify(customer));
    if (size + 2 > maxBytes) {
      plan.oversized.push(customer);
      continue;
    }
    const added = size + (batch.length > 0 ? 1 : 0);
    if (batch.length === options.bulkSize || bytes + added > maxBytes) {
      plan.batches.push(batch);
      batch = [];
      bytes = 2;
    }
    bytes += size + (batch.length > 0 ? 1 : 0);
    batch.push(customer);
  }
  if (batch.length > 0) plan.batches.push(batch);
  return plan;
};
