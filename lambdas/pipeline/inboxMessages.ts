import { parseInboxKey } from './keys.js';
import { runIdOf } from './runId.js';
import type { ResumeMessage } from './runTypes.js';
import type { StartRequest } from './startRun.js';

interface S3EventRecord {
  eventName?: string;
  eventTime?: string;
  s3?: { bucket?: { name?: string }; object?: { key?: string; versionId?: string } };
}

/** S3 encodes keys in event records, spaces as `+` (moto encodes more): decode both the same way. */
const decodeKey = (key: string): string => decodeURIComponent(key.replace(/\+/g, ' '));

/**
 * The runs an inbox queue message asks for: one per object-created record under `inbox/<tenant>/`, or the run the
 * finalizer resumes. Test events and keys outside the inbox ask for none.
 */
export const startRequestsOf = (body: string): StartRequest[] => {
  const message = JSON.parse(body) as { Records?: S3EventRecord[] } & Partial<ResumeMessage>;
  if (message.type === 'resume' && message.tenantId && message.runId && message.file) {
    return [
      {
        tenantId: message.tenantId,
        runId: message.runId,
        file: message.file,
        supersedes: message.supersedes ?? [],
        claim: false,
      },
    ];
  }
  return (message.Records ?? []).flatMap((record) => {
    const rawKey = record.s3?.object?.key;
    if (!record.eventName?.startsWith('ObjectCreated') || rawKey === undefined) return [];
    const key = decodeKey(rawKey);
    const inbox = parseInboxKey(key);
    if (!inbox) return [];
    const versionId = record.s3?.object?.versionId;
    const receivedAt = record.eventTime ?? new Date().toISOString();
    return [
      {
        tenantId: inbox.tenantId,
        runId: runIdOf(record.s3?.bucket?.name ?? '', key, versionId, receivedAt),
        file: { key, ...(versionId ? { versionId } : {}), name: inbox.name, receivedAt },
        supersedes: [],
        claim: true,
        ...(inbox.partial ? { partial: true } : {}),
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
): string =>
  JSON.stringify({
    Records: [
      {
        eventSource: 'aws:s3',
        eventName: 'ObjectCreated:Put',
        eventTime,
        s3: {
          bucket: { name: bucket },
          object: { key: encodeURIComponent(key).replace(/%2F/g, '/'), ...(versionId ? { versionId } : {}) },
        },
      },
    ],
  });
