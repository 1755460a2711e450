import type { SyncReport } from '../../lambdas/core/reporting/index.js';
import {
  type DeliveryFailure,
  FinalizeClaimSchema,
  failedDeliveriesOf,
  keys,
  RunManifestSchema,
  readRecord,
  readResults,
} from '../../lambdas/pipeline/index.js';
import { fileLocationOf } from './fileLocation.js';
import { type JoorWait, joorWaitOf } from './joorWait.js';
import { type Operator, OperatorError } from './Platform.js';
import { lockHolderOf, type RunSummary, summarizeRun } from './runs.js';

export interface RunDetail extends RunSummary {
  tenantId: string;
  /** What the splitter decided: absent for a run that never got that far. */
  manifest?: {
    batches: number;
    rejectedRows: number;
    refusal?: { code: string; message: string };
    notes: string[];
  };
  /**
   * Each batch's result as the consumer, the job checks or a dead-letter handler recorded it; `failure` is its first
   * failed customer's code and words (a dead-letter handler's name the deliveries and the job).
   */
  batches: { batch: number; accepted: number; failed: number; failure?: { code: string; message: string } }[];
  /** Batches planned that have no result yet. */
  batchesWaiting: number[];
  /** Of those, the ones JOOR has jobs for: their job ids, since when, and the run's job checks. */
  joor: JoorWait;
  email?: { status: string; reason?: string };
  /** Where the report is, when there is one. */
  report?: { json: string; html: string; csv: string; txt: string };
  /** Where the file is now: still in inbox/ (or partial/), or archived. */
  fileAt?: string;
  holdsLock: boolean;
  abandoned?: string;
  /** The deliveries to the splitter and finalizer that failed, with their causes, oldest first. */
  failedDeliveries: DeliveryFailure[];
  /** For a run closed as "could not be processed", whichever handler (or operator) closed it: the report's words. */
  notProcessed?: string;
}

/** `customer-sync run <tenant> <runId>`: the run's manifest, batches, results, email and report location. */
export const showRun = async (operator: Operator, tenantId: string, runId: string): Promise<RunDetail> => {
  const { store, platform } = operator;
  if (!(await store.exists(keys.startClaim(tenantId, runId))))
    throw new OperatorError(
      `No run ${runId} of tenant ${tenantId} (customer-sync runs --tenant ${tenantId} lists them)`,
    );
  const lockHolder = await lockHolderOf(operator, tenantId);
  const summary = await summarizeRun(operator, tenantId, runId, lockHolder);
  const manifest = await readRecord(store, keys.manifest(tenantId, runId), RunManifestSchema);
  const recorded = await readResults(store, tenantId, runId);
  const claim = await readRecord(store, keys.finalizeClaim(tenantId, runId), FinalizeClaimSchema);
  const fileAt = manifest ? (await fileLocationOf(store, manifest))?.key : undefined;
  const url = (key: string) => `s3://${platform.bucket}/${key}`;
  const reportText = await store.getText(keys.report(tenantId, runId, 'json'));
  const refusal = reportText ? (JSON.parse(reportText) as SyncReport).refusal : undefined;
  return {
    ...summary,
    tenantId,
    ...(manifest
      ? {
          manifest: {
            batches: manifest.batches,
            rejectedRows: manifest.counts.rejectedRows,
            ...(manifest.refusal ? { refusal: manifest.refusal } : {}),
            notes: manifest.notes,
          },
        }
      : {}),
    batches: recorded.map((r) => ({
      batch: r.batch,
      accepted: r.accepted.length,
      failed: r.failures.length,
      ...(r.failures[0] ? { failure: { code: r.failures[0].code, message: r.failures[0].message } } : {}),
    })),
    batchesWaiting: manifest
      ? Array.from({ length: manifest.batches }, (_, k) => k).filter(
          (k) => !recorded.some((r) => r.batch === k),
        )
      : [],
    joor: await joorWaitOf(store, tenantId, runId),
    ...(claim?.email
      ? {
          email: {
            status: claim.email.status,
            ...('reason' in claim.email ? { reason: claim.email.reason } : {}),
          },
        }
      : {}),
    ...(summary.finishedAt
      ? {
          report: {
            json: url(keys.report(tenantId, runId, 'json')),
            html: url(keys.report(tenantId, runId, 'html')),
            csv: url(keys.report(tenantId, runId, 'csv')),
            txt: url(keys.report(tenantId, runId, 'txt')),
          },
        }
      : {}),
    ...(fileAt ? { fileAt: url(fileAt) } : {}),
    holdsLock: lockHolder === runId,
    ...(claim?.abandoned ? { abandoned: claim.abandoned } : {}),
    failedDeliveries: await failedDeliveriesOf(store, tenantId, runId),
    ...(refusal?.code === 'not_processed' ? { notProcessed: refusal.message } : {}),
  };
};
