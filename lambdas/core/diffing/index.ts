/** The public face of core/diffing/: what other folders use of it. */
export {
  checkMassChange,
  isMassChange,
  type MassChange,
  massChangeText,
  widestChangeOf,
} from './checkMassChange.js';
export { checkMassDrop } from './checkMassDrop.js';
export { type CustomerDiff, diffCustomers } from './diffCustomers.js';
export { advanceSnapshot, EMPTY_SNAPSHOT, parseSnapshot, snapshotToMap } from './snapshot.js';
export {
  byFieldChunk,
  type ChangedCustomer,
  changedCustomerOf,
  type FieldChange,
  mergeAcceptedFields,
  parseFieldChunk,
  renderFieldChunk,
  type SyncedFieldsEntry,
} from './syncedFields.js';
