import { paginateListObjectsV2 } from '@aws-sdk/client-s3';
import type { SyncReport } from '../../lambdas/core/reporting/index.js';
import {
  keys,
  LockRecordSchema,
  PREFIXES,
  RunManifestSchema,
  readRecord,
} from '../../lambdas/pipeline/index.js';
import type { Operator } from './Platform.js';

/** Where a run stands, from the records it left (the report when there is one). */
export type RunStatus = 'success' | 'error' | 'refused' | 'finalizing' | 'in_joor' | 'running' | 'waiting';

export interface RunSummary {
  runId: string;
  status: RunStatus;
  file: string;
  receivedAt: string;
  finishedAt?: string;
  counts?: Pick<SyncReport['counts'], 'rows' | 'customers' | 'sent' | 'accepted' | 'failed' | 'rejectedRows'>;
}

const DEFAULT_LIMIT = 20;

/** The tenant's run ids, newest first: a run id starts with its arrival time. */
export const runIdsOf = async (operator: Operator, tenantId: string): Promise<string[]> => {
  const prefix = `${PREFIXES.runs}${tenantId}/`;
  const ids: string[] = [];
  // One "folder" per run: the delimiter lists runs without every batch result under them (the SDK's paginator).
  for await (const page of paginateListObjectsV2(
    { client: operator.s3 },
    { Bucket: operator.platform.bucket, Prefix: prefix, Delimiter: '/' },
  )) {
    for (const common of page.CommonPrefixes ?? []) ids.push(common.Prefix!.slice(prefix.length, -1));
  }
  return ids.sort().reverse();
};

const readJson = async <T>(operator: Operator, key: string): Promise<T | undefined> => {
  const text = await operator.store.getText(key);
  return text === undefined ? undefined : (JSON.parse(text) as T);
};

/** The run holding the tenant's lock, if any: read once for all the runs a command shows. */
export const lockHolderOf = async (operator: Operator, tenantId: string): Promise<string | undefined> =>
  (await readRecord(operator.store, keys.lock(tenantId), LockRecordSchema))?.runId;

/** One run as the list shows it; `lockHolder` is the run that holds the tenant (lockHolderOf). */
export const summarizeRun = async (
  operator: Operator,
  tenantId: string,
  runId: string,
  lockHolder: string | undefined,
): Promise<RunSummary> => {
  const { store } = operator;
  const report = await readJson<SyncReport>(operator, keys.report(tenantId, runId, 'json'));
  if (report)
    return {
      runId,
      status: report.refusal ? 'refused' : report.status,
      file: report.file.name,
      receivedAt: report.file.receivedAt,
      finishedAt: report.file.finishedAt,
      counts: {
        rows: report.counts.rows,
        customers: report.counts.customers,
        sent: report.counts.sent,
        accepted: report.counts.accepted,
        failed: report.counts.failed,
        rejectedRows: report.counts.rejectedRows,
      },
    };
  const manifest = await readRecord(store, keys.manifest(tenantId, runId), RunManifestSchema);
  const claim = await readJson<{ file?: { name: string; receivedAt: string } }>(
    operator,
    keys.claim(tenantId, runId),
  );
  const file = manifest?.file ?? claim?.file;
  const status: RunStatus = (await store.exists(keys.finalized(tenantId, runId)))
    ? 'finalizing'
    : (await store.exists(keys.dispatched(tenantId, runId)))
      ? 'in_joor'
      : lockHolder === runId
        ? 'running'
        : 'waiting';
  return { runId, status, file: file?.name ?? '(unknown)', receivedAt: file?.receivedAt ?? '' };
};

/** `customer-sync runs --tenant <id> [--limit N]`: the tenant's recent runs, newest first. */
export const listRuns = async (
  operator: Operator,
  tenantId: string,
  limit = DEFAULT_LIMIT,
): Promise<RunSummary[]> => {
  const ids = (await runIdsOf(operator, tenantId)).slice(0, limit);
  const lockHolder = await lockHolderOf(operator, tenantId);
  return Promise.all(ids.map((runId) => summarizeRun(operator, tenantId, runId, lockHolder)));
};
