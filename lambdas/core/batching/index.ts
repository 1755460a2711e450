/** The public face of core/batching/: what other folders use of it. */
export { MAX_BATCH_BYTES, planBatches } from './planBatches.js';
