/**
 * A JOOR call that did not succeed. The message carries the status and JOOR's own words, never credentials:
 * headers and request bodies are not part of it.
 */
export class JoorError extends Error {
  constructor(
    message: string,
    readonly kind: 'rejected' | 'unauthorized' | 'unavailable' | 'deadline',
    readonly status?: number,
    readonly body?: unknown,
  ) {
    super(message);
    this.name = 'JoorError';
  }
}
