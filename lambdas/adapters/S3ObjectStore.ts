import type { Readable } from 'node:stream';
import { setTimeout as sleep } from 'node:timers/promises';
import {
  CopyObjectCommand,
  DeleteObjectCommand,
  GetObjectCommand,
  HeadObjectCommand,
  PutObjectCommand,
  paginateListObjectsV2,
  type S3Client,
  S3ServiceException,
} from '@aws-sdk/client-s3';
import type { ObjectStore, PutOutcome } from '../core/ports/index.js';
import { backoffDelay } from './backoff.js';

/** S3 answers 409 when two conditional writes race; the write is tried again this many times. */
const CONFLICT_RETRIES = 5;
const CONFLICT_BASE_DELAY_MS = 50;
const CONFLICT_MAX_DELAY_MS = 1_000;

const statusOf = (error: unknown): number | undefined =>
  error instanceof S3ServiceException
    ? error.$metadata.httpStatusCode
    : (error as { $metadata?: { httpStatusCode?: number } })?.$metadata?.httpStatusCode;

const isMissing = (error: unknown): boolean =>
  (error as Error)?.name === 'NoSuchKey' || statusOf(error) === 404;

/**
 * The bucket over S3: streamed reads of one object version, conditional writes (`If-None-Match: *`: a 412 means
 * someone else has it, a 409 is retried), paginated listing, copy and versioned delete.
 */
export class S3ObjectStore implements ObjectStore {
  constructor(
    private readonly s3: S3Client,
    private readonly bucket: string,
  ) {}

  open(key: string, versionId?: string) {
    return async function* (this: S3ObjectStore) {
      const answer = await this.s3.send(
        new GetObjectCommand({ Bucket: this.bucket, Key: key, VersionId: versionId }),
      );
      yield* answer.Body as Readable;
    }.bind(this);
  }

  async getText(key: string): Promise<string | undefined> {
    try {
      const answer = await this.s3.send(new GetObjectCommand({ Bucket: this.bucket, Key: key }));
      return await answer.Body!.transformToString('utf-8');
    } catch (error) {
      if (isMissing(error)) return undefined;
      throw error;
    }
  }

  async getTagged(key: string): Promise<{ text: string; tag: string } | undefined> {
    try {
      const answer = await this.s3.send(new GetObjectCommand({ Bucket: this.bucket, Key: key }));
      return { text: await answer.Body!.transformToString('utf-8'), tag: answer.ETag! };
    } catch (error) {
      if (isMissing(error)) return undefined;
      throw error;
    }
  }

  async metadata(key: string, versionId?: string): Promise<Record<string, string>> {
    const head = await this.s3.send(
      new HeadObjectCommand({ Bucket: this.bucket, Key: key, VersionId: versionId }),
    );
    return head.Metadata ?? {};
  }

  async size(key: string, versionId?: string): Promise<number | undefined> {
    try {
      const head = await this.s3.send(
        new HeadObjectCommand({ Bucket: this.bucket, Key: key, VersionId: versionId }),
      );
      return head.ContentLength;
    } catch (error) {
      if (isMissing(error)) return undefined;
      throw error;
    }
  }

  async exists(key: string): Promise<boolean> {
    try {
      await this.s3.send(new HeadObjectCommand({ Bucket: this.bucket, Key: key }));
      return true;
    } catch (error) {
      if (isMissing(error)) return false;
      throw error;
    }
  }

  async putText(
    key: string,
    body: string,
    options: { ifAbsent?: boolean; ifMatch?: string; contentType?: string } = {},
  ): Promise<PutOutcome> {
    const conditional = options.ifAbsent === true || options.ifMatch !== undefined;
    for (let attempt = 0; ; attempt += 1) {
      try {
        await this.s3.send(
          new PutObjectCommand({
            Bucket: this.bucket,
            Key: key,
            Body: body,
            ContentType: options.contentType ?? 'application/json',
            ...(options.ifAbsent ? { IfNoneMatch: '*' } : {}),
            ...(options.ifMatch !== undefined ? { IfMatch: options.ifMatch } : {}),
          }),
        );
        return 'written';
      } catch (error) {
        const status = statusOf(error);
        // S3's conditional writes: 412 when the condition fails, 409 when another conditional write to the key was
        // under way (worth a retry, which then meets the outcome of that write).
        if (conditional && status === 412) return 'exists';
        if (conditional && status === 409 && attempt < CONFLICT_RETRIES) {
          await sleep(backoffDelay(attempt, CONFLICT_BASE_DELAY_MS, CONFLICT_MAX_DELAY_MS));
          continue;
        }
        throw error;
      }
    }
  }

  async list(prefix: string): Promise<string[]> {
    const found: string[] = [];
    for await (const page of paginateListObjectsV2(
      { client: this.s3 },
      { Bucket: this.bucket, Prefix: prefix },
    )) {
      for (const object of page.Contents ?? []) if (object.Key) found.push(object.Key);
    }
    return found.sort();
  }

  async copy(
    fromKey: string,
    toKey: string,
    versionId?: string,
    metadata?: Record<string, string>,
  ): Promise<void> {
    const source = `${this.bucket}/${fromKey.split('/').map(encodeURIComponent).join('/')}${versionId ? `?versionId=${encodeURIComponent(versionId)}` : ''}`;
    await this.s3.send(
      new CopyObjectCommand({
        Bucket: this.bucket,
        Key: toKey,
        CopySource: source,
        ...(metadata ? { MetadataDirective: 'REPLACE', Metadata: metadata } : {}),
      }),
    );
  }

  async delete(key: string, versionId?: string): Promise<void> {
    await this.s3.send(new DeleteObjectCommand({ Bucket: this.bucket, Key: key, VersionId: versionId }));
  }
}
