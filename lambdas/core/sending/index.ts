/** The public face of sending/: what JOOR's answers about a batch's jobs mean for its customers. */
export { failAll, type ResolvedJobStatus, resultsOfJob } from './jobResults.js';
export { settleOutcomes, UNCONFIRMED_CODE } from './settleOutcomes.js';
