import * as v from 'valibot';
import { parseInboxKey } from './keys.js';
import { checkRecord, parseRecord } from './parseRecord.js';
import { runIdOf } from './runId.js';
import { ResumeMessageSchema } from './schemas.js';
import type { StartRequest } from './startRun.js';

/** The parts of an S3 event notification the splitter reads (S3 sends more; a test event has no records). */
const S3EventSchema = v.object({
  Records: v.optional(
    v.array(
      v.object({
        eventName: v.optional(v.string()),
        eventTime: v.optional(v.string()),
        s3: v.optional(
          v.object({
            bucket: v.optional(v.object({ name: v.optional(v.string()) })),
            object: v.optional(
              v.object({
                key: v.optional(v.string()),
                versionId: v.optional(v.string()),
                size: v.optional(v.number()),
              }),
            ),
          }),
        ),
      }),
    ),
  ),
});

/** S3 encodes keys in event records, spaces as `+` (moto encodes more): decode both the same way. */
const decodeKey = (key: string): string => decodeURIComponent(key.replace(/\+/g, ' '));

/**
 * The tenant of an inbox (or partial-upload) key as an S3 event record gives it, encoded; undefined for any other
 * key, or one that does not decode. Read as `startRequestsOf` reads it (`decodeKey`, then the layout's
 * `parseInboxKey`), so that every handler's log lines (handlers/logKeys.ts) name the tenant the splitter serves.
 */
export const tenantOfEventKey = (rawKey: string): string | undefined => {
  try {
    return parseInboxKey(decodeKey(rawKey))?.tenantId;
  } catch {
    // decodeURIComponent throws on a stray `%`: such a key names no tenant.
    return undefined;
  }
};

/**
 * The runs an inbox queue message asks for: one per object-created record under `inbox/<tenant>/`, or the run the
 * finalizer resumes. Test events and keys outside the inbox ask for none.
 */
export const startRequestsOf = (body: string, source = 'inbox message'): StartRequest[] => {
  const value: unknown = parseRecord(v.unknown(), body, source);
  // A resume is told by its type, so that a malformed one fails instead of passing for an S3 event without records.
  if ((value as { type?: unknown } | null)?.type === 'resume') {
    const message = checkRecord(ResumeMessageSchema, value, source);
    return [
      {
        tenantId: message.tenantId,
        runId: message.runId,
        file: message.file,
        // The files it supersedes are recorded with the run (supersedes.json); older messages also named them.
        supersedes: message.supersedes ?? [],
        claim: false,
      },
    ];
  }
  return (checkRecord(S3EventSchema, value, source).Records ?? []).flatMap((record) => {
    const rawKey = record.s3?.object?.key;
    if (!record.eventName?.startsWith('ObjectCreated') || rawKey === undefined) return [];
    const key = decodeKey(rawKey);
    const inbox = parseInboxKey(key);
    if (!inbox) return [];
    const versionId = record.s3?.object?.versionId;
    const size = record.s3?.object?.size;
    const receivedAt = record.eventTime ?? new Date().toISOString();
    return [
      {
        tenantId: inbox.tenantId,
        runId: runIdOf(record.s3?.bucket?.name ?? '', key, versionId, receivedAt),
        file: { key, ...(versionId ? { versionId } : {}), name: inbox.name, receivedAt },
        supersedes: [],
        claim: true,
        ...(inbox.partial ? { partial: true } : {}),
        ...(inbox.dryRun ? { dryRun: true } : {}),
        ...(inbox.folder !== '' && !inbox.dryRun ? { folder: inbox.folder } : {}),
        ...(size === undefined ? {} : { bytes: size }),
      },
    ];
  });
};

/** An S3 object-created event body, as S3 sends it to the inbox queue (the local run and tests build it). */
export const objectCreatedEvent = (
  bucket: string,
  key: string,
  versionId: string | undefined,
  eventTime: string,
  size?: number,
): string =>
  JSON.stringify({
    Records: [
      {
        eventSource: 'aws:s3',
        eventName: 'ObjectCreated:Put',
        eventTime,
        s3: {
          bucket: { name: bucket },
          object: {
            key: encodeURIComponent(key).replace(/%2F/g, '/'),
            ...(versionId ? { versionId } : {}),
            ...(size === undefined ? {} : { size }),
          },
        },
      },
    ],
  });
