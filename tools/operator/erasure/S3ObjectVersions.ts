import {
  DeleteObjectCommand,
  GetObjectCommand,
  ListObjectVersionsCommand,
  PutObjectCommand,
  type S3Client,
} from '@aws-sdk/client-s3';
import type { ObjectVersion, VersionedObjects } from './VersionedObjects.js';

/** The deployed bucket, every version of every object (ListObjectVersions), for `erase --stack`. */
export class S3ObjectVersions implements VersionedObjects {
  readonly versioned = true;

  constructor(
    private readonly s3: S3Client,
    private readonly bucket: string,
  ) {}

  async versions(prefix: string): Promise<ObjectVersion[]> {
    const found: ObjectVersion[] = [];
    let keyMarker: string | undefined;
    let versionIdMarker: string | undefined;
    for (;;) {
      const page = await this.s3.send(
        new ListObjectVersionsCommand({
          Bucket: this.bucket,
          Prefix: prefix,
          KeyMarker: keyMarker,
          VersionIdMarker: versionIdMarker,
        }),
      );
      for (const version of page.Versions ?? [])
        found.push({
          key: version.Key!,
          isLatest: version.IsLatest === true,
          ...(version.VersionId && version.VersionId !== 'null' ? { versionId: version.VersionId } : {}),
          ...(version.ETag ? { etag: version.ETag } : {}),
        });
      if (!page.IsTruncated) break;
      keyMarker = page.NextKeyMarker;
      versionIdMarker = page.NextVersionIdMarker;
    }
    // The latest first within each key: the erased report JSON is taken from it.
    return found.sort((a, b) => a.key.localeCompare(b.key) || Number(b.isLatest) - Number(a.isLatest));
  }

  async read(version: ObjectVersion): Promise<Buffer> {
    const answer = await this.s3.send(
      new GetObjectCommand({ Bucket: this.bucket, Key: version.key, VersionId: version.versionId }),
    );
    return Buffer.from(await answer.Body!.transformToByteArray());
  }

  async write(
    key: string,
    body: Buffer,
    contentType: string,
    ifMatch?: string,
  ): Promise<'written' | 'changed'> {
    try {
      await this.s3.send(
        new PutObjectCommand({
          Bucket: this.bucket,
          Key: key,
          Body: body,
          ContentType: contentType,
          ...(ifMatch ? { IfMatch: ifMatch } : {}),
        }),
      );
      return 'written';
    } catch (error) {
      if ((error as { $metadata?: { httpStatusCode?: number } }).$metadata?.httpStatusCode === 412)
        return 'changed';
      throw error;
    }
  }

  async remove(version: ObjectVersion): Promise<void> {
    await this.s3.send(
      new DeleteObjectCommand({ Bucket: this.bucket, Key: version.key, VersionId: version.versionId }),
    );
  }
}
