import type { ObjectStore, PutOutcome } from '../../lambdas/core/ports/index.js';

/**
 * Gives conditional writes to a store whose server ignores `If-None-Match` and `If-Match` (fauxqs): the check
 * and the write run under one lock. Sound only with a single writer process, which is what `npm start` is.
 */
export class ConditionalObjectStore implements ObjectStore {
  private queue: Promise<unknown> = Promise.resolve();

  constructor(private readonly inner: ObjectStore) {}

  open(key: string, versionId?: string) {
    return this.inner.open(key, versionId);
  }

  getText(key: string) {
    return this.inner.getText(key);
  }

  putText(
    key: string,
    body: string,
    options: { ifAbsent?: boolean; ifMatch?: string; contentType?: string } = {},
  ): Promise<PutOutcome> {
    const { ifAbsent, ifMatch, ...plain } = options;
    if (!ifAbsent && ifMatch === undefined) return this.inner.putText(key, body, plain);
    const write = this.queue.then(async (): Promise<PutOutcome> => {
      const current = await this.inner.getTagged(key);
      if (ifAbsent && current !== undefined) return 'exists';
      if (ifMatch !== undefined && current?.tag !== ifMatch) return 'exists';
      return this.inner.putText(key, body, plain);
    });
    this.queue = write.catch(() => undefined);
    return write;
  }

  getTagged(key: string) {
    return this.inner.getTagged(key);
  }

  exists(key: string) {
    return this.inner.exists(key);
  }

  size(key: string, versionId?: string) {
    return this.inner.size(key, versionId);
  }

  metadata(key: string, versionId?: string) {
    return this.inner.metadata(key, versionId);
  }

  list(prefix: string) {
    return this.inner.list(prefix);
  }

  copy(fromKey: string, toKey: string, versionId?: string, metadata?: Record<string, string>) {
    return this.inner.copy(fromKey, toKey, versionId, metadata);
  }

  delete(key: string, versionId?: string) {
    return this.inner.delete(key, versionId);
  }
}
