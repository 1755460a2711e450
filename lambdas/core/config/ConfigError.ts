import { CustomerSyncError } from '../CustomerSyncError.js';

/** A tenant config that does not pass the schema; `problems` name each field and what is wrong with it. */
export class ConfigError extends CustomerSyncError {
  override name = 'ConfigError';
  readonly code = 'invalid_config';
  constructor(
    readonly source: string,
    readonly problems: string[],
  ) {
    super(`Invalid ${source}:\n  - ${problems.join('\n  - ')}`);
  }
}
