/** The public face of sending/: what JOOR's answers about a batch's jobs mean for its customers. */
export { failAll, resultsOfJob } from './jobResults.js';
export { timedOut, verdictOf } from './jobVerdict.js';
export { settleOutcomes, UNCONFIRMED_CODE } from './settleOutcomes.js';
export { nextAfterUnreadable, unreadableFailures } from './unreadablePosts.js';
