/** The public face of core/diffing/: what other folders use of it. */
export { checkMassDrop } from './checkMassDrop.js';
export { type CustomerDiff, diffCustomers } from './diffCustomers.js';
export { advanceSnapshot, EMPTY_SNAPSHOT, parseSnapshot, snapshotToMap } from './snapshot.js';
