import { readFile } from 'node:fs/promises';
import type { TenantConfig } from '../../lambdas/core/config/index.js';
import { defaultTenantConfig, parseTenantConfig } from '../../lambdas/core/config/index.js';
import { TenantFileError } from './TenantFileError.js';

/** Why a file cannot be read, in words, for the errors a person can mend. */
const READ_FAILURES: Record<string, string> = {
  ENOENT: 'no such file',
  EISDIR: 'it is a folder, not a file',
  EACCES: 'no permission to read it',
};

const readText = async (path: string): Promise<string> => {
  try {
    return await readFile(path, 'utf8');
  } catch (error) {
    const { code, message } = error as NodeJS.ErrnoException;
    throw new TenantFileError(`Cannot read tenant config ${path}: ${READ_FAILURES[code ?? ''] ?? message}`, {
      cause: error,
    });
  }
};

const parseJson = (text: string, path: string): unknown => {
  try {
    return JSON.parse(text);
  } catch (error) {
    throw new TenantFileError(`Cannot read tenant config ${path}: not JSON (${(error as Error).message})`, {
      cause: error,
    });
  }
};

/**
 * The tenant from `--tenant <file>`, or the defaults of `validate` (address-rows, pipe, header and encoding auto).
 * A file that is missing or not JSON is a TenantFileError; one that does not pass the schema, a ConfigError.
 */
export const loadTenant = async (path: string | undefined): Promise<TenantConfig> => {
  if (path === undefined) return defaultTenantConfig();
  return parseTenantConfig(parseJson(await readText(path), path), path);
};
