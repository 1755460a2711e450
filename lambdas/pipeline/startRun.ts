import { MAX_BATCH_BYTES, planBatches } from '../core/batching/index.js';
import type { TenantConfig } from '../core/config/index.js';
import {
  checkMassDrop,
  diffCustomers,
  EMPTY_SNAPSHOT,
  parseSnapshot,
  snapshotToMap,
} from '../core/diffing/index.js';
import { collectCustomers } from '../core/grouping/index.js';
import type { FileRefusal } from '../core/index.js';
import { validateFile } from '../core/index.js';
import type { MessageSender, ObjectStore } from '../core/ports/index.js';
import { NEW_CUSTOMER_NOTE } from '../core/reporting/index.js';
import { keys } from './keys.js';
import { readRecord } from './readRecord.js';
import { requestFinalize } from './requestFinalize.js';
import type { BatchMessage, FileRef, RunManifest } from './runTypes.js';
import { LockRecordSchema } from './schemas.js';

export interface StartRunDeps {
  store: ObjectStore;
  workQueue: MessageSender;
  finalizeQueue: MessageSender;
  loadTenant: (tenantId: string) => Promise<TenantConfig>;
}

export type StartOutcome = 'duplicate' | 'waiting' | 'refused' | 'quarantined' | 'sent' | 'nothing_to_send';

export interface StartRequest {
  tenantId: string;
  runId: string;
  file: FileRef;
  supersedes: FileRef[];
  /** False for a run the finalizer resumes: its claim was taken when the file first arrived. */
  claim: boolean;
  /** An upload whose SFTP session dropped mid-file, moved aside by Transfer Family's workflow. */
  partial?: boolean;
}

/** Room for the message envelope around a batch's customers (SQS takes 1 MiB; batches stay under 900 KB). */
const ENVELOPE_BYTES = 200;

/**
 * The splitter's work for one file version (SPEC §2): claim the run once, take the tenant's lock or wait behind the
 * active run, validate, compare with the synced state, guard, and send the new and changed customers in batches.
 */
export const startRun = async (request: StartRequest, deps: StartRunDeps): Promise<StartOutcome> => {
  const { store } = deps;
  const { tenantId, runId, file } = request;
  const claim = request.claim
    ? await store.putText(keys.claim(tenantId, runId), JSON.stringify({ runId, file }), { ifAbsent: true })
    : 'exists';
  // A claimed run with a manifest has started: this is a repeated event (or a resume of a run that took the lock
  // itself). Without one, an earlier delivery died part-way (SQS brought the event back): carry on from the start.
  if (claim === 'exists' && (await store.getText(keys.manifest(tenantId, runId))) !== undefined)
    return 'duplicate';
  const tenant = await deps.loadTenant(tenantId);
  const refusedUpfront = request.partial
    ? partialUploadRefusal(file.name)
    : new RegExp(tenant.fileNamePattern, 'i').test(file.name)
      ? undefined
      : fileNameRefusal(file.name, tenant.fileNamePattern);
  if (refusedUpfront) {
    await writeManifest(store, baseManifest(request, 0, false, refusedUpfront));
    await requestFinalize(deps.finalizeQueue, tenantId, runId);
    return 'refused';
  }
  if (!(await acquireLock(store, request))) return 'waiting';

  const validation = await validateFile(file.name, store.open(file.key, file.versionId), tenant);
  const snapshotText = await store.getText(keys.snapshot(tenantId));
  const snapshot = snapshotToMap(snapshotText ? parseSnapshot(snapshotText) : EMPTY_SNAPSHOT);
  const diff = diffCustomers(validation.customerHashes(), snapshot);
  const refusal = validation.refusal ?? checkMassDrop(diff, snapshot.size, tenant.massDropThreshold);
  const manifest = baseManifest(request, validation.bytes, true, refusal);
  manifest.counts = {
    ...manifest.counts,
    rows: validation.counts.rows,
    customers: validation.counts.customers,
    rejectedRows: validation.counts.rejectedRows,
    new: refusal ? 0 : diff.new.length,
    changed: refusal ? 0 : diff.changed.length,
    unchanged: refusal ? 0 : diff.unchanged.length,
    missing: diff.missing.length,
    quarantinedRows: refusal ? validation.counts.rows - validation.counts.rejectedRows : 0,
  };
  manifest.rejected = validation.rejected;
  if (validation.ignoredColumns.length > 0)
    manifest.notes.push(`Columns not used: ${validation.ignoredColumns.join(', ')}.`);
  if (validation.encoding === 'windows-1252')
    manifest.notes.push('The file was read as Windows-1252 (it is not valid UTF-8).');
  if (refusal) {
    await writeManifest(store, manifest);
    await requestFinalize(deps.finalizeQueue, tenantId, runId);
    return validation.refusal ? 'refused' : 'quarantined';
  }

  const toSend = new Set([...diff.new, ...diff.changed]);
  const customers =
    toSend.size > 0
      ? await collectCustomers(store.open(file.key, file.versionId), tenant, validation.encoding, toSend)
      : [];
  const plan = planBatches(customers, {
    bulkSize: tenant.bulkSize,
    maxBytes: MAX_BATCH_BYTES - ENVELOPE_BYTES,
  });
  manifest.preFailures = plan.oversized.map((c) => ({
    customerCode: c.customerCode,
    code: 'too_large',
    message: `The customer is larger than one request may carry (${MAX_BATCH_BYTES} bytes): fewer shipping addresses or shorter notes`,
  }));
  manifest.counts.sent = customers.length - plan.oversized.length;
  manifest.batches = plan.batches.length;
  manifest.sentHashes = Object.fromEntries(
    customers.map((c) => [c.customerCode, validation.customerHashes().get(c.customerCode)!]),
  );
  await writeManifest(store, manifest);
  if (plan.batches.length === 0) {
    await requestFinalize(deps.finalizeQueue, tenantId, runId);
    return 'nothing_to_send';
  }
  await deps.workQueue.send(
    plan.batches.map((batch, index) => ({
      body: JSON.stringify({ tenantId, runId, batch: index, customers: batch } satisfies BatchMessage),
      groupId: tenantId,
      deduplicationId: `${runId}-${index}`,
    })),
  );
  return 'sent';
};

const partialUploadRefusal = (name: string): FileRefusal => ({
  code: 'partial_upload',
  message: `The upload of "${name}" was cut off before it completed (the SFTP session dropped): it was not processed. Send the file again.`,
});

const fileNameRefusal = (name: string, pattern: string): FileRefusal => ({
  code: 'file_name',
  message: `The file name "${name}" does not match this integration's pattern ${pattern}: it was not processed.`,
});

const baseManifest = (
  request: StartRequest,
  bytes: number,
  locked: boolean,
  refusal: FileRefusal | undefined,
): RunManifest => ({
  runId: request.runId,
  tenantId: request.tenantId,
  file: { ...request.file, bytes },
  locked,
  batches: 0,
  counts: {
    rows: 0,
    customers: 0,
    new: 0,
    changed: 0,
    unchanged: 0,
    rejectedRows: 0,
    sent: 0,
    missing: 0,
    superseded: request.supersedes.length,
    quarantinedRows: 0,
  },
  ...(refusal ? { refusal } : {}),
  rejected: [],
  preFailures: [],
  sentHashes: {},
  superseded: request.supersedes,
  notes: [NEW_CUSTOMER_NOTE],
});

const writeManifest = (store: ObjectStore, manifest: RunManifest) =>
  store.putText(keys.manifest(manifest.tenantId, manifest.runId), JSON.stringify(manifest), {
    contentType: 'application/json',
  });

/**
 * One run at a time per tenant (SPEC §2.3): the lock is a conditional write. A file that finds it taken waits in the
 * tenant's waiting list; the lock is checked again afterwards, so a file never waits behind a run that just ended.
 */
const acquireLock = async (store: ObjectStore, request: StartRequest): Promise<boolean> => {
  const { tenantId, runId, file } = request;
  const waitingKey = keys.waiting(tenantId, file.receivedAt, runId);
  for (;;) {
    const lock = await store.putText(
      keys.lock(tenantId),
      JSON.stringify({ runId, since: new Date().toISOString() }),
      { ifAbsent: true },
    );
    // Ours already when an earlier delivery of this run took it and died before its manifest.
    const holder =
      lock === 'written' ? runId : (await readRecord(store, keys.lock(tenantId), LockRecordSchema))?.runId;
    if (holder === runId) {
      await store.delete(waitingKey);
      return true;
    }
    await store.putText(waitingKey, JSON.stringify({ runId, file, supersedes: request.supersedes }), {
      contentType: 'application/json',
    });
    if ((await store.getText(keys.lock(tenantId))) !== undefined) return false;
  }
};
