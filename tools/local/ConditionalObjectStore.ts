import type { ObjectStore, PutOutcome } from '../../lambdas/core/ports/index.js';

/**
 * Gives conditional writes to a store whose server ignores `If-None-Match` (fauxqs, s3rver): the existence check
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
    options: { ifAbsent?: boolean; contentType?: string } = {},
  ): Promise<PutOutcome> {
    if (!options.ifAbsent) return this.inner.putText(key, body, options);
    const write = this.queue.then(async (): Promise<PutOutcome> => {
      if ((await this.inner.getText(key)) !== undefined) return 'exists';
      return this.inner.putText(key, body, { ...options, ifAbsent: false });
    });
    this.queue = write.catch(() => undefined);
    return write;
  }

  exists(key: string) {
    return this.inner.exists(key);
  }

  list(prefix: string) {
    return this.inner.list(prefix);
  }

  copy(fromKey: string, toKey: string, versionId?: string) {
    return this.inner.copy(fromKey, toKey, versionId);
  }

  delete(key: string, versionId?: string) {
    return this.inner.delete(key, versionId);
  }
}
