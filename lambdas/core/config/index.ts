/** The public face of core/config/: what other folders use of it. */
export { ConfigError } from './ConfigError.js';
export { JOOR_HOSTS, type JoorHostRule, joorUrlProblems } from './joorHosts.js';
export { nearestOf } from './nearestOf.js';
export { defaultTenantConfig, parseTenantConfig } from './parseTenantConfig.js';
export {
  type ReferenceData,
  TENANT_ID,
  TENANT_ID_PATTERN,
  type TenantConfig,
  type ValueMapField,
  valueMapKey,
} from './tenantConfig.js';
