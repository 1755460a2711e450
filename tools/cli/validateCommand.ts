import { createReadStream } from 'node:fs';
import { access } from 'node:fs/promises';
import { basename } from 'node:path';
import { exitCodeOf, toValidationSummary, validateFile } from '../../lambdas/core/index.js';
import { loadTenant } from './loadTenant.js';
import { refusalBeforeReading } from './refusalBeforeReading.js';
import { renderValidationText } from './renderValidationText.js';
import { UsageError } from './UsageError.js';

export interface ValidateCommandOptions {
  file: string;
  tenant?: string;
  json: boolean;
}

/** `customer-sync validate <file> [--tenant <tenant.json>] [--json]`: returns the exit status. */
export const validateCommand = async (
  options: ValidateCommandOptions,
  out: (text: string) => void,
): Promise<number> => {
  const tenant = await loadTenant(options.tenant);
  try {
    await access(options.file);
  } catch {
    throw new UsageError(`Cannot read ${options.file}: no such file`);
  }
  // validate reports rows and customers, not the content hashes change detection compares.
  const validation = await validateFile(
    basename(options.file),
    () => createReadStream(options.file),
    tenant,
    {
      contentHashes: false,
    },
  );
  // Without --tenant there is no pattern: the name is checked only against a tenant's.
  const refusal = options.tenant === undefined ? undefined : await refusalBeforeReading(options.file, tenant);
  const read = toValidationSummary(validation);
  const summary = refusal ? { ...read, status: 'refused' as const, refusal } : read;
  out(options.json ? JSON.stringify(summary) : renderValidationText(summary));
  return exitCodeOf(summary.status);
};
