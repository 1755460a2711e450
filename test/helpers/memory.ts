import { Readable } from 'node:stream';
import type {
  Mailer,
  MessageSender,
  ObjectStore,
  PutOutcome,
  QueueMessage,
} from '../../lambdas/core/ports/index.js';

const S3_MAX_KEY_BYTES = 1024;

/** A versioned bucket in memory, honouring `ifAbsent` as S3 honours `If-None-Match: *`. */
export class MemoryObjectStore implements ObjectStore {
  readonly objects = new Map<
    string,
    { versionId: string; body: Buffer; metadata?: Record<string, string> }[]
  >();
  private version = 0;
  private failures: { prefix: string; operation: 'put' | 'delete'; skip: number }[] = [];

  /**
   * The next write (or delete) of a key under this prefix throws, as a Lambda that dies mid-way would leave things;
   * with `skip`, the one after that many succeed.
   */
  failOnce(prefix: string, operation: 'put' | 'delete' = 'put', skip = 0): void {
    this.failures.push({ prefix, operation, skip });
  }

  private injectedFailure(key: string, operation: 'put' | 'delete'): void {
    const failure = this.failures.findIndex((f) => f.operation === operation && key.startsWith(f.prefix));
    if (failure === -1) return;
    const found = this.failures[failure]!;
    if (found.skip > 0) {
      found.skip -= 1;
      return;
    }
    this.failures.splice(failure, 1);
    throw new Error(`injected failure (${operation}) of ${key}`);
  }

  async exists(key: string): Promise<boolean> {
    return this.find(key) !== undefined;
  }

  async size(key: string, versionId?: string): Promise<number | undefined> {
    return this.find(key, versionId)?.body.length;
  }

  async metadata(key: string, versionId?: string): Promise<Record<string, string>> {
    return { ...(this.find(key, versionId)?.metadata ?? {}) };
  }

  put(key: string, body: string | Buffer, metadata?: Record<string, string>): string {
    // As S3 answers KeyTooLongError: a key is at most 1,024 bytes of UTF-8.
    if (Buffer.byteLength(key, 'utf8') > S3_MAX_KEY_BYTES) throw new Error(`KeyTooLongError: ${key}`);
    const versionId = `v${++this.version}`;
    const versions = this.objects.get(key) ?? [];
    versions.push({ versionId, body: Buffer.from(body), ...(metadata ? { metadata } : {}) });
    this.objects.set(key, versions);
    return versionId;
  }

  open(key: string, versionId?: string) {
    return () => Readable.from([this.find(key, versionId)?.body ?? Buffer.alloc(0)]);
  }

  async getText(key: string): Promise<string | undefined> {
    return this.find(key)?.body.toString('utf8');
  }

  async getTagged(key: string): Promise<{ text: string; tag: string } | undefined> {
    const found = this.find(key);
    return found ? { text: found.body.toString('utf8'), tag: `"${found.versionId}"` } : undefined;
  }

  async putText(
    key: string,
    body: string,
    options: { ifAbsent?: boolean; ifMatch?: string } = {},
  ): Promise<PutOutcome> {
    this.injectedFailure(key, 'put');
    if (options.ifAbsent && this.find(key)) return 'exists';
    // Checked and written in one step, as S3 does: no await between the two, or two writers could both pass.
    const current = this.find(key);
    if (options.ifMatch !== undefined && (current ? `"${current.versionId}"` : undefined) !== options.ifMatch)
      return 'exists';
    this.put(key, body);
    return 'written';
  }

  async list(prefix: string): Promise<string[]> {
    return [...this.objects.keys()].filter((key) => key.startsWith(prefix) && this.find(key)).sort();
  }

  async copy(
    fromKey: string,
    toKey: string,
    versionId?: string,
    metadata?: Record<string, string>,
  ): Promise<void> {
    const source = this.find(fromKey, versionId);
    if (!source) throw Object.assign(new Error(`NoSuchKey ${fromKey}`), { name: 'NoSuchKey' });
    // As S3 copies: the source's metadata, unless the copy replaces it.
    this.put(toKey, source.body, metadata ?? source.metadata);
  }

  async delete(key: string, versionId?: string): Promise<void> {
    this.injectedFailure(key, 'delete');
    const versions = this.objects.get(key) ?? [];
    // Without a version id, S3 puts a delete marker on a versioned bucket: the key reads as absent, whatever
    // versions it had.
    const kept = versionId ? versions.filter((v) => v.versionId !== versionId) : [];
    if (kept.length > 0) this.objects.set(key, kept);
    else this.objects.delete(key);
  }

  private find(key: string, versionId?: string) {
    const versions = this.objects.get(key);
    return versionId ? versions?.find((v) => v.versionId === versionId) : versions?.at(-1);
  }
}

/** The most SQS takes in one message (since 2026-01-29): a larger one is refused, as SQS refuses it. */
const SQS_MAX_MESSAGE_BYTES = 1_048_576;

/** A queue in memory: what was sent, in order, for a test to deliver. */
export class MemoryQueue implements MessageSender {
  readonly messages: QueueMessage[] = [];

  async send(messages: QueueMessage[]): Promise<void> {
    for (const { body } of messages)
      if (Buffer.byteLength(body) > SQS_MAX_MESSAGE_BYTES)
        throw new Error(`InvalidParameterValue: a message of ${Buffer.byteLength(body)} bytes is too long`);
    this.messages.push(...messages);
  }

  take(): QueueMessage[] {
    return this.messages.splice(0);
  }
}

export class MemoryMailer implements Mailer {
  readonly sent: { from: string; to: string[]; raw: Buffer }[] = [];
  /** Sends refused (and their error), as SES refuses an unverified sender. */
  attempts = 0;
  private failure: Error | undefined;

  /** Every send from now on fails with this error. */
  failWith(error: Error): void {
    this.failure = error;
  }

  async sendRaw(email: { from: string; to: string[]; raw: Buffer }): Promise<void> {
    this.attempts += 1;
    if (this.failure) throw this.failure;
    this.sent.push(email);
  }
}
