import { CustomerSyncError } from '../../lambdas/core/index.js';

/** Why `init` cannot read a file at all (exit 2): missing, empty, binary, or not delimited text. */
export class InitError extends CustomerSyncError {
  override name = 'InitError';
  readonly code = 'unreadable_file';
}
