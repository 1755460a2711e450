import * as v from 'valibot';
import { ConfigError } from './ConfigError.js';
import { DEFAULT_TENANT_INPUT, type TenantConfig, TenantConfigSchema } from './tenantConfig.js';

/**
 * Validates a tenant config and fills in defaults. Refuses a bad one with every problem, each naming its field.
 *
 * @example
 * const tenant = parseTenantConfig(JSON.parse(readFileSync('tenants/acme.json', 'utf8')), 'tenants/acme.json');
 */
export const parseTenantConfig = (input: unknown, source = 'tenant config'): TenantConfig => {
  const result = v.safeParse(TenantConfigSchema, input, { abortEarly: false });
  if (result.success) return result.output;
  const problems = result.issues.map((issue) => `${v.getDotPath(issue) ?? '(root)'}: ${issue.message}`);
  throw new ConfigError(source, problems);
};

export const defaultTenantConfig = (): TenantConfig =>
  parseTenantConfig(DEFAULT_TENANT_INPUT, 'default tenant');
