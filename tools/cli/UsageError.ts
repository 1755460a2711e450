import { CustomerSyncError } from '../../lambdas/core/index.js';

/** A command line the CLI cannot act on; printed without a stack trace. */
export class UsageError extends CustomerSyncError {
  override name = 'UsageError';
  readonly code = 'operator_input';
}
