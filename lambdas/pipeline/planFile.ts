import type { TenantConfig } from '../core/config/index.js';
import {
  type ChangedCustomer,
  type CustomerDiff,
  checkMassChange,
  checkMassDrop,
  diffCustomers,
  EMPTY_SNAPSHOT,
  type MassChange,
  parseSnapshot,
  snapshotToMap,
  widestChangeOf,
} from '../core/diffing/index.js';
import { collectCustomers } from '../core/grouping/index.js';
import { type Customer, type FileRefusal, type FileValidation, validateFile } from '../core/index.js';
import type { ObjectStore } from '../core/ports/index.js';
import type { ByteSource } from '../core/reading/index.js';
import { sendEverything } from './replay.js';
import { changedCustomers } from './syncedFields.js';

/** What a file would do against the synced state, sending nothing: the splitter, `plan` and a dry run share it. */
export interface FilePlan {
  validation: FileValidation;
  /** Customers in the synced state before this file. */
  known: number;
  /** No state was synced yet to this JOOR environment and account. */
  firstSync: boolean;
  /** New, changed, unchanged and missing as the file compares with the synced state. */
  compared: CustomerDiff;
  /** What is to be sent: `compared`, or everything for a full replay. */
  diff: CustomerDiff;
  /** The valid customers to send (new and changed), rebuilt from the file; none for a refused file. */
  customers: Customer[];
  /** The changed customers field by field, before → after, in the file's order. */
  changed: ChangedCustomer[];
  /** The field changed for the most known customers. */
  widestChange?: MassChange;
  /** The file refused as a whole, or quarantined by a guard (mass drop, mass change). */
  refusal?: FileRefusal;
}

export interface PlanInput {
  name: string;
  /** Opens the file afresh (it is read twice: validation, then the customers to send). */
  open: () => ByteSource;
  tenant: TenantConfig;
  /** The synced state compared with (keys.snapshot), its kept field values beside it. */
  snapshotKey: string;
  /** A full replay: every valid customer is sent (counted as changed), whatever the state holds. */
  sendAll?: boolean;
}

/**
 * What a file would do (SPEC §2.4–2.5): validation, the comparison with the synced state, the changed customers
 * field by field, and the guards' verdict (the file's own refusal, mass drop, mass change). Only reads.
 */
export const planFile = async (store: ObjectStore, input: PlanInput): Promise<FilePlan> => {
  const { tenant } = input;
  const validation = await validateFile(input.name, input.open(), tenant);
  const snapshotText = await store.getText(input.snapshotKey);
  const snapshot = snapshotToMap(snapshotText ? parseSnapshot(snapshotText) : EMPTY_SNAPSHOT);
  // Customers the file holds but rejected are not missing: only those absent from the file count for the guard.
  const rejectedCodes = new Set(validation.rejected.map((r) => r.customerCode).filter((code) => code !== ''));
  const compared = diffCustomers(validation.contentHashes(), snapshot, rejectedCodes);
  const diff = input.sendAll ? sendEverything(compared) : compared;
  const base = { validation, known: snapshot.size, firstSync: snapshotText === undefined, compared, diff };
  if (validation.refusal) return { ...base, customers: [], changed: [], refusal: validation.refusal };
  const toSend = new Set([...diff.new, ...diff.changed]);
  const customers =
    toSend.size > 0 ? await collectCustomers(input.open(), tenant, validation.encoding, toSend) : [];
  const changed = await changedCustomers(store, input.snapshotKey, snapshot, customers, compared.changed);
  const widestChange = widestChangeOf(changed, snapshot.size);
  const refusal =
    checkMassDrop(compared, snapshot.size, tenant.massDropThreshold) ??
    checkMassChange(widestChange, tenant.massChangeThreshold);
  return {
    ...base,
    customers,
    changed,
    ...(widestChange ? { widestChange } : {}),
    ...(refusal ? { refusal } : {}),
  };
};
