import {
  byFieldChunk,
  type ChangedCustomer,
  changedCustomerOf,
  renderFieldChunk,
} from '../core/diffing/index.js';
import { customerFields } from '../core/grouping/index.js';
import type { Customer } from '../core/index.js';
import type { ObjectStore } from '../core/ports/index.js';
import { keys } from './keys.js';
import { readFieldChunk } from './readFieldChunk.js';

/*
 * The field values JOOR accepted, kept beside the synced snapshot (format and layout: core/diffing/syncedFields.ts).
 * Read one chunk at a time, so memory grows with a chunk (a 256th of the customers), not with the tenant.
 */

/**
 * The changed customers field by field, in the order of `codes`: "before" from the chunks kept beside
 * `snapshotKey`, "after" from the customers the file holds (only reads).
 */
export const changedCustomers = async (
  store: ObjectStore,
  snapshotKey: string,
  snapshot: ReadonlyMap<string, string>,
  customers: readonly Customer[],
  codes: readonly string[],
): Promise<ChangedCustomer[]> => {
  const wanted = new Set(codes);
  const found = new Map<string, ChangedCustomer>();
  for (const [chunk, list] of byFieldChunk(
    customers.filter((c) => wanted.has(c.customerCode)),
    (c) => c.customerCode,
  )) {
    const synced = await readFieldChunk(store, keys.syncedFields(snapshotKey, chunk));
    for (const customer of list)
      found.set(
        customer.customerCode,
        changedCustomerOf(
          customer,
          customerFields(customer),
          synced.get(customer.customerCode),
          snapshot.get(customer.customerCode),
        ),
      );
  }
  return codes.flatMap((code) => found.get(code) ?? []);
};

/**
 * The values the run sends, by chunk, under the run (the splitter). Each chunk is written whole with the same
 * content on a repeated delivery, so writing them again is harmless.
 */
export const writeSentFields = async (
  store: ObjectStore,
  tenantId: string,
  runId: string,
  customers: readonly Customer[],
  hashes: Readonly<Record<string, string>>,
): Promise<void> => {
  for (const [chunk, list] of byFieldChunk(customers, (c) => c.customerCode))
    await store.putText(
      keys.sentFields(tenantId, runId, chunk),
      renderFieldChunk(
        list.map((c) => ({
          customerCode: c.customerCode,
          hash: hashes[c.customerCode]!,
          fields: customerFields(c),
        })),
      ),
      { contentType: 'application/x-ndjson' },
    );
};
