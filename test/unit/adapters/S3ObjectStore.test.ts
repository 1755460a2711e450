import {
  CopyObjectCommand,
  DeleteObjectCommand,
  GetObjectCommand,
  ListObjectsV2Command,
  PutObjectCommand,
  S3Client,
  S3ServiceException,
} from '@aws-sdk/client-s3';
import { mockClient } from 'aws-sdk-client-mock';
import 'aws-sdk-client-mock-vitest/extend';
import { Readable } from 'node:stream';
import { beforeEach, describe, expect, it } from 'vitest';
import { S3ObjectStore } from '../../../lambdas/adapters/S3ObjectStore.js';

const s3 = mockClient(S3Client);
const store = new S3ObjectStore(new S3Client({}), 'bucket');
const s3Error = (name: string, status: number) =>
  new S3ServiceException({ name, $fault: 'client', $metadata: { httpStatusCode: status }, message: name });
/** A GetObject body as the SDK gives it in Node: a stream with the SDK's helpers. */
const body = (text: string) =>
  Object.assign(Readable.from([Buffer.from(text)]), {
    transformToString: async () => text,
  }) as unknown as never;

beforeEach(() => s3.reset());

describe('S3ObjectStore', () => {
  it('writes a claim with If-None-Match: * and reads a 412 as someone else’s', async () => {
    s3.on(PutObjectCommand).resolvesOnce({}).rejectsOnce(s3Error('PreconditionFailed', 412));
    expect(await store.putText('runs/t/r/claim.json', '{}', { ifAbsent: true })).toBe('written');
    expect(await store.putText('runs/t/r/claim.json', '{}', { ifAbsent: true })).toBe('exists');
    expect(s3).toHaveReceivedCommandWith(PutObjectCommand, {
      Bucket: 'bucket',
      Key: 'runs/t/r/claim.json',
      IfNoneMatch: '*',
    });
  });

  it('tries a conditional write again on 409 (a concurrent conditional write)', async () => {
    s3.on(PutObjectCommand).rejectsOnce(s3Error('ConditionalRequestConflict', 409)).resolves({});
    expect(await store.putText('state/t/active-run.json', '{}', { ifAbsent: true })).toBe('written');
    expect(s3).toHaveReceivedCommandTimes(PutObjectCommand, 2);
  });

  // AWS's rule, which neither fauxqs nor the in-memory store enforces by itself: PutObject with If-Match writes only
  // when the object's current ETag is the one given, and answers 412 Precondition Failed otherwise (S3 User Guide,
  // "How to prevent object overwrites with conditional writes"). The tenant lock's takeover relies on it.
  it('takes over a lock with If-Match on the ETag it read, and reads a 412 as a lock that changed since', async () => {
    s3.on(GetObjectCommand).resolves({ Body: body('{"runId":"old"}'), ETag: '"etag-1"' });
    s3.on(PutObjectCommand).resolvesOnce({}).rejectsOnce(s3Error('PreconditionFailed', 412));
    const read = await store.getTagged('state/t/active-run.json');
    expect(read).toEqual({ text: '{"runId":"old"}', tag: '"etag-1"' });
    expect(await store.putText('state/t/active-run.json', '{}', { ifMatch: read!.tag })).toBe('written');
    expect(await store.putText('state/t/active-run.json', '{}', { ifMatch: read!.tag })).toBe('exists');
    expect(s3).toHaveReceivedCommandWith(PutObjectCommand, {
      Key: 'state/t/active-run.json',
      IfMatch: '"etag-1"',
    });
    expect(s3.commandCalls(PutObjectCommand)[0]!.args[0].input.IfNoneMatch).toBeUndefined();
  });

  it('does not hide other errors', async () => {
    s3.on(PutObjectCommand).rejects(s3Error('AccessDenied', 403));
    await expect(store.putText('k', '{}', { ifAbsent: true })).rejects.toThrow('AccessDenied');
  });

  it('writes unconditionally when not asked otherwise', async () => {
    s3.on(PutObjectCommand).resolves({});
    await store.putText('reports/t/r/report.html', '<p>', { contentType: 'text/html' });
    const input = s3.commandCalls(PutObjectCommand)[0]!.args[0].input;
    expect(input).toMatchObject({ ContentType: 'text/html' });
    expect(input.IfNoneMatch).toBeUndefined();
  });

  it('reads text, and a missing key as undefined', async () => {
    s3.on(GetObjectCommand, { Key: 'there' }).resolves({ Body: body('hello') });
    s3.on(GetObjectCommand, { Key: 'gone' }).rejects(s3Error('NoSuchKey', 404));
    expect(await store.getText('there')).toBe('hello');
    expect(await store.getText('gone')).toBeUndefined();
  });

  it('streams one version of an object, afresh each time it is opened', async () => {
    s3.on(GetObjectCommand).callsFake(() => ({ Body: body('a|b\n') }));
    const source = store.open('inbox/t/customer.psv', 'v7');
    for (let k = 0; k < 2; k += 1) {
      const chunks: Buffer[] = [];
      for await (const chunk of source() as AsyncIterable<Buffer>) chunks.push(chunk);
      expect(Buffer.concat(chunks).toString()).toBe('a|b\n');
    }
    expect(s3).toHaveReceivedCommandWith(GetObjectCommand, { Key: 'inbox/t/customer.psv', VersionId: 'v7' });
    expect(s3).toHaveReceivedCommandTimes(GetObjectCommand, 2);
  });

  it('lists every page of a prefix', async () => {
    s3.on(ListObjectsV2Command)
      .resolvesOnce({ Contents: [{ Key: 'p/2' }], IsTruncated: true, NextContinuationToken: 't' })
      .resolvesOnce({ Contents: [{ Key: 'p/1' }], IsTruncated: false });
    expect(await store.list('p/')).toEqual(['p/1', 'p/2']);
  });

  it('copies a given version and deletes that version only', async () => {
    s3.on(CopyObjectCommand).resolves({});
    s3.on(DeleteObjectCommand).resolves({});
    await store.copy('inbox/t/customer 1.psv', 'processed/t/r_customer 1.psv', 'v1');
    await store.delete('inbox/t/customer 1.psv', 'v1');
    expect(s3).toHaveReceivedCommandWith(CopyObjectCommand, {
      CopySource: 'bucket/inbox/t/customer%201.psv?versionId=v1',
    });
    expect(s3).toHaveReceivedCommandWith(DeleteObjectCommand, {
      Key: 'inbox/t/customer 1.psv',
      VersionId: 'v1',
    });
    // Without metadata of its own, the copy keeps the source's (S3's default directive).
    expect(s3.commandCalls(CopyObjectCommand)[0]!.args[0].input.MetadataDirective).toBeUndefined();
  });

  it('replaces the copy’s metadata when given some', async () => {
    s3.on(CopyObjectCommand).resolves({});
    await store.copy('landing/t/dry-run/c.psv', 'inbox/t/dry-run/c.psv', 'v2', {
      'transfer-execution': 'e1',
    });
    expect(s3).toHaveReceivedCommandWith(CopyObjectCommand, {
      Key: 'inbox/t/dry-run/c.psv',
      CopySource: 'bucket/landing/t/dry-run/c.psv?versionId=v2',
      MetadataDirective: 'REPLACE',
      Metadata: { 'transfer-execution': 'e1' },
    });
  });
});
