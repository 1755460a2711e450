/** A command line the CLI cannot act on; printed without a stack trace. */
export class UsageError extends Error {
  override name = 'UsageError';
}
