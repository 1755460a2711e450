import type { SQSRecord } from 'aws-lambda';
import { PREFIXES } from '../pipeline/index.js';

/** What every log line of one record carries, so that a tenant's run can be followed across functions. */
export interface RecordKeys {
  tenantId?: string;
  runId?: string;
}

const text = (value: unknown): string | undefined => (typeof value === 'string' && value ? value : undefined);

/**
 * The tenant and run a record is about, read without validating it (a malformed body must still be logged with what
 * can be told): a pipeline message names them; an S3 event names the key, `inbox/<tenant>/…` or `partial/<tenant>/…`.
 */
export const recordKeysOf = (record: Pick<SQSRecord, 'body'>): RecordKeys => {
  let body: unknown;
  try {
    body = JSON.parse(record.body);
  } catch {
    return {};
  }
  const message = body as {
    tenantId?: unknown;
    runId?: unknown;
    Records?: { s3?: { object?: { key?: unknown } } }[];
  };
  const tenantId = text(message?.tenantId);
  if (tenantId) return { tenantId, ...(text(message.runId) ? { runId: text(message.runId) } : {}) };
  const key = text(message?.Records?.[0]?.s3?.object?.key);
  if (!key) return {};
  const [folder, tenant] = decodeURIComponent(key.replace(/\+/g, ' ')).split('/');
  const fromUpload = `${folder}/` === PREFIXES.inbox || `${folder}/` === PREFIXES.partial;
  return fromUpload && tenant ? { tenantId: tenant } : {};
};
