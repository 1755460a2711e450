import * as v from 'valibot';
import {
  ConfigError,
  type JoorHostRule,
  joorUrlProblems,
  type TenantConfig,
} from '../../core/config/index.js';
import type { ObjectStore } from '../../core/ports/index.js';
import { keys, loadTenantConfig } from '../../pipeline/index.js';

/**
 * The JOOR host rule of the functions' environment (JOOR_HOSTS): `joor` when unset, as every deploy leaves it;
 * `loopback` where tools or tests run these functions against an emulator on this machine. `any` is not accepted
 * here: only the local platform (tools/local), which loads configs its own way, sends JOOR calls anywhere.
 */
export const joorHostRuleOf = (env: NodeJS.ProcessEnv = process.env): Exclude<JoorHostRule, 'any'> => {
  const rule = v.safeParse(v.optional(v.picklist(['joor', 'loopback']), 'joor'), env.JOOR_HOSTS || undefined);
  if (!rule.success) throw new Error(`JOOR_HOSTS must be joor or loopback, not ${env.JOOR_HOSTS}`);
  return rule.output;
};

/**
 * Reads a tenant's config as its stack stored it in the bucket, held to the same JOOR hosts as `cdk synth` holds it:
 * a config written there by anything but a deploy cannot send the tenant's JOOR credentials and customers elsewhere.
 */
export const tenantLoader = (store: ObjectStore, rule = joorHostRuleOf()) => {
  return async (tenantId: string): Promise<TenantConfig> => {
    const tenant = await loadTenantConfig(store, tenantId);
    const problems = joorUrlProblems(tenant.joor, rule);
    if (problems.length > 0) throw new ConfigError(keys.tenantConfig(tenantId), problems);
    return tenant;
  };
};
