import { CustomerSyncError } from '../../core/index.js';

/**
 * A JOOR call that did not succeed. The message carries the status and JOOR's own words, never credentials:
 * headers and request bodies are not part of it.
 */
export class JoorError extends CustomerSyncError {
  override name = 'JoorError';
  readonly code = 'joor_call';
  constructor(
    message: string,
    /** `unreadable`: a success answer that is not JOOR's, so what became of the request is unknown. */
    readonly kind: 'rejected' | 'unauthorized' | 'unavailable' | 'deadline' | 'wait' | 'unreadable',
    readonly status?: number,
    readonly body?: unknown,
    /** For `wait`: how long JOOR's credits (or its Retry-After) say to stay away, from now. */
    readonly waitMs?: number,
  ) {
    super(message);
  }
}
