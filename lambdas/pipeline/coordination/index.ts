/** The face of coordination/: the tenant's one record, its pure transitions, and their interpreter. */
export { SPLIT_LEASE_MS } from './lease.js';
export { holderOf, readTenant, stepTenant, supersededOf } from './stepTenant.js';
export {
  owesRelease,
  stepTenantRecord,
  TENANT_TRANSITIONS,
  type TenantDecision,
  type TenantEffect,
  type TenantEvent,
  type TenantStep,
  uniqueFiles,
} from './tenantMachine.js';
export {
  FREE_TENANT,
  type TenantRecord,
  type WaitingRun,
} from './tenantRecord.js';
