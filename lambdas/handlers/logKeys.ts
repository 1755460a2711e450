import type { SQSRecord } from 'aws-lambda';
import { tenantOfEventKey } from '../pipeline/index.js';

/**
 * What every log line of one record carries (Powertools' persistent log keys), so that a tenant's run can be
 * followed across functions.
 */
export interface LogKeys {
  tenantId?: string;
  runId?: string;
}

const text = (value: unknown): string | undefined => (typeof value === 'string' && value ? value : undefined);

/**
 * The tenant and run a record is about, read without validating it (a malformed body must still be logged with what
 * can be told): a pipeline message names them; an S3 event names the key, read as the splitter reads it.
 */
export const logKeysOf = (record: Pick<SQSRecord, 'body'>): LogKeys => {
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
  const tenant = key === undefined ? undefined : tenantOfEventKey(key);
  return tenant ? { tenantId: tenant } : {};
};
