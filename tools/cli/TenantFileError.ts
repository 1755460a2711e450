import { CustomerSyncError } from '../../lambdas/core/index.js';

/**
 * A `--tenant` file the CLI cannot read as a config: not there, not a file, or not JSON (exit 2, without a stack
 * trace). One that is JSON but does not pass the schema is a ConfigError, naming each field.
 */
export class TenantFileError extends CustomerSyncError {
  override name = 'TenantFileError';
  readonly code = 'invalid_config';
}
