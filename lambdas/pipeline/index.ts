/** The public face of pipeline/: what other folders use of it. */
export { abandonFinalize, abandonStart } from './abandonRun.js';
export { FINALIZE_LEASE_MS, finalizeRun } from './finalizeRun.js';
export { objectCreatedEvent, startRequestsOf } from './inboxMessages.js';
export { keys, PREFIXES } from './keys.js';
export { loadTenantConfig } from './loadTenantConfig.js';
export { parseRecord } from './parseRecord.js';
export { processBatch, recordDeadLetter } from './processBatch.js';
export { BatchMessageSchema, FinalizeMessageSchema } from './schemas.js';
export { startRun } from './startRun.js';
export { SPLIT_LEASE_MS } from './tenantLock.js';
