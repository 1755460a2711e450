/** The public face of core/config/: what other folders use of it. */
export { ConfigError } from './ConfigError.js';
export { defaultTenantConfig, parseTenantConfig } from './parseTenantConfig.js';
export type { ReferenceData, TenantConfig } from './tenantConfig.js';
