/** The public face of pipeline/: what other folders use of it. */
export { abandonFinalize } from './abandonFinalize.js';
export { abandonStart, notProcessed } from './abandonStart.js';
export { pendingPosts, readResults, recordedBatches } from './batchPosts.js';
export { closeIfPoisonedFinalize, closeIfPoisonedStart } from './closePoisonedRun.js';
export {
  FREE_TENANT,
  owesRelease,
  readTenant,
  SPLIT_LEASE_MS,
  stepTenantRecord,
  TENANT_TRANSITIONS,
  type TenantEffect,
  type TenantEvent,
  type TenantRecord,
  type TenantStep,
  type WaitingRun,
} from './coordination/index.js';
export {
  copyUpload,
  uploadStepOf,
} from './copyUpload.js';
export { type CustomerDeadLetterQueue, deadLetterQueueOf } from './deadLettered.js';
export {
  closingReason,
  describeFailure,
  failedDeliveriesOf,
} from './failedDeliveries.js';
export { buildSyncReport, FINALIZE_LEASE_MS, finalizeRun } from './finalizeRun.js';
export { handOnTenant } from './handOnTenant.js';
export { sendHeldReports } from './heldReports.js';
export { objectCreatedEvent, startRequestsOf, tenantOfEventKey } from './inboxMessages.js';
export {
  abandonJobChecks,
  checkJobs,
  type JobCheckTiming,
} from './jobChecks.js';
export { keys, PREFIXES, RUN_STARTING_PREFIXES } from './keys.js';
export { loadTenantConfig } from './loadTenantConfig.js';
export { buildManifest, type ManifestFacts } from './manifest.js';
export { parseRecord } from './parseRecord.js';
export { planFile } from './planFile.js';
export { type PlanSummary, planExitCode, toPlanSummary } from './planSummary.js';
export { processBatch, recordDeadLetter } from './processBatch.js';
export { readRecord } from './readRecord.js';
export { REPLAY_METADATA } from './replay.js';
export type {
  BatchResult,
  DeliveryFailure,
  FileRef,
  RunManifest,
} from './runTypes.js';
export {
  BatchMessageSchema,
  FinalizeClaimSchema,
  FinalizeMessageSchema,
  JobCheckMessageSchema,
  JobWatchSchema,
  RunManifestSchema,
} from './schemas.js';
export { startRun } from './startRun.js';
export {
  BOUND_VARIABLES,
  boundsEnvironment,
  boundsFromEnvironment,
  DEFAULT_TENANT_BOUNDS,
  type TenantBounds,
  TenantBoundsSchema,
} from './tenantBounds.js';
export { lockHolderOf } from './tenantCoordination.js';
export { partialUploadRefusal, upfrontRefusalOf } from './upfrontRefusals.js';
