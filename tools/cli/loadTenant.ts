import { readFile } from 'node:fs/promises';
import type { TenantConfig } from '../../lambdas/core/config/index.js';
import { defaultTenantConfig, parseTenantConfig } from '../../lambdas/core/config/index.js';

/** The tenant from `--tenant <file>`, or the defaults of `validate` (address-rows, pipe, header and encoding auto). */
export const loadTenant = async (path: string | undefined): Promise<TenantConfig> => {
  if (path === undefined) return defaultTenantConfig();
  let input: unknown;
  try {
    input = JSON.parse(await readFile(path, 'utf8'));
  } catch (error) {
    throw new Error(`Cannot read tenant config ${path}: ${(error as Error).message}`);
  }
  return parseTenantConfig(input, path);
};
