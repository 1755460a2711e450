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
import { validateFile } from '../core/index.js';
import type { MessageSender, ObjectStore } from '../core/ports/index.js';
import { abandonStart } from './abandonRun.js';
import { keys } from './keys.js';
import { buildManifest, type ManifestFacts, writeManifest } from './manifest.js';
import { replayOf, sendEverything } from './replay.js';
import { requestFinalize } from './requestFinalize.js';
import type { BatchMessage, FileRef } from './runTypes.js';
import { isTenantLocked, releaseTenantLock, SPLIT_LEASE_MS, takeTenantLock } from './tenantLock.js';
import { upfrontRefusalOf } from './upfrontRefusals.js';
import { addWaiting, prepareNewestWaiting, removeWaiting, supersededBy } from './waitingList.js';

export interface StartRunDeps {
  store: ObjectStore;
  workQueue: MessageSender;
  finalizeQueue: MessageSender;
  loadTenant: (tenantId: string) => Promise<TenantConfig>;
  now?: () => Date;
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
 *
 * Every step is safe to repeat (S3 and SQS deliver at least once; the function may die between any two calls):
 * - the claim is a conditional write, and a claimed run already handed on (`dispatched`) is a repeated event, so it
 *   stops there; one that died before (after its manifest, say) is done again from the start;
 * - a run that finds the lock held by itself carries on (an earlier delivery took it and died); a lock whose lease
 *   expired before its run handed the file on is taken over with a write that must find it unchanged, and the run
 *   it was taken from is closed as not processed on every delivery until that is done;
 * - validation and diffing only read; the manifest is written whole with the same content;
 * - batches go to a FIFO queue with deduplication ids `<run>-<batch>`, so a repeated send within SQS's five-minute
 *   window is dropped, and a batch delivered twice finds its result recorded (processBatch); the same file gives
 *   the same batches;
 * - asking for the finalizer twice is harmless: its own claim lets one invocation proceed.
 */
export const startRun = async (request: StartRequest, deps: StartRunDeps): Promise<StartOutcome> => {
  const { store } = deps;
  const { tenantId, runId, file } = request;
  const claim = request.claim
    ? await store.putText(keys.claim(tenantId, runId), JSON.stringify({ runId, file }), { ifAbsent: true })
    : 'exists';
  // A claimed run that was handed on is done here: this is a repeated event (or a resume of a run that took the
  // lock itself). Otherwise an earlier delivery died part-way (SQS brought the event back): carry on from the start.
  if (claim === 'exists' && (await handedOn(store, tenantId, runId))) return 'duplicate';
  const tenant = await deps.loadTenant(tenantId);
  const { environment, accountId } = tenant.joor;
  const snapshotKey = keys.snapshot(tenantId, environment, accountId);
  const facts: ManifestFacts = {
    runId,
    tenantId,
    file,
    supersedes: request.supersedes,
    snapshotKey,
    locked: false,
  };
  const upfront = upfrontRefusalOf(file.name, tenant.fileNamePattern, request.partial === true);
  if (upfront) return finishEarly(deps, { ...facts, refusal: upfront }, 'refused');
  if (!(await lockOrWait(deps, request, deps.now ?? (() => new Date())))) return 'waiting';
  // A finalizer may have picked a newer waiting file over this one (and marked this run handed on) after the check
  // above and before this run took the tenant it had just released: this run is superseded, and gives it back.
  if (await store.exists(keys.dispatched(tenantId, runId))) {
    await giveBackTenant(deps, tenantId, runId);
    return 'duplicate';
  }
  facts.locked = true;
  facts.supersedes = await supersededBy(store, tenantId, runId, request.supersedes);

  const validation = await validateFile(file.name, store.open(file.key, file.versionId), tenant);
  const snapshotText = await store.getText(snapshotKey);
  if (snapshotText === undefined) facts.firstSync = { environment, ...(accountId ? { accountId } : {}) };
  const snapshot = snapshotToMap(snapshotText ? parseSnapshot(snapshotText) : EMPTY_SNAPSHOT);
  // Customers the file holds but rejected are not missing: only those absent from the file count for the guard.
  const rejectedCodes = new Set(validation.rejected.map((r) => r.customerCode).filter((code) => code !== ''));
  const compared = diffCustomers(validation.customerHashes(), snapshot, rejectedCodes);
  const replay = await replayOf(store, file);
  if (replay) facts.replay = replay;
  const diff = replay?.full ? sendEverything(compared) : compared;
  const refusal = validation.refusal ?? checkMassDrop(diff, snapshot.size, tenant.massDropThreshold);
  facts.validation = validation;
  facts.diff = diff;
  if (refusal)
    return finishEarly(deps, { ...facts, refusal }, validation.refusal ? 'refused' : 'quarantined');

  const toSend = new Set([...diff.new, ...diff.changed]);
  const customers =
    toSend.size > 0
      ? await collectCustomers(store.open(file.key, file.versionId), tenant, validation.encoding, toSend)
      : [];
  const plan = planBatches(customers, {
    bulkSize: tenant.bulkSize,
    maxBytes: MAX_BATCH_BYTES - ENVELOPE_BYTES,
  });
  const hashes = validation.customerHashes();
  facts.plan = {
    batches: plan.batches.length,
    sentHashes: Object.fromEntries(
      plan.batches.flat().map((c) => [c.customerCode, hashes.get(c.customerCode)!]),
    ),
    oversized: plan.oversized,
    maxBatchBytes: MAX_BATCH_BYTES,
  };
  if (plan.batches.length === 0) return finishEarly(deps, facts, 'nothing_to_send');
  await writeManifest(store, buildManifest(facts));
  await deps.workQueue.send(
    plan.batches.map((batch, index) => ({
      body: JSON.stringify({ tenantId, runId, batch: index, customers: batch } satisfies BatchMessage),
      groupId: tenantId,
      deduplicationId: `${runId}-${index}`,
    })),
  );
  await markDispatched(store, tenantId, runId);
  return 'sent';
};

/**
 * Whether the run went past the splitter: dispatched, or already being finalized (a delivery that died after
 * sending its batches may come back after its run was finalized and the lock released: it must not take it again).
 */
const handedOn = async (store: ObjectStore, tenantId: string, runId: string): Promise<boolean> =>
  (await store.exists(keys.dispatched(tenantId, runId))) ||
  (await store.exists(keys.finalized(tenantId, runId)));

/** The run is handed on: a repeated delivery stops at the claim from now on. */
const markDispatched = (store: ObjectStore, tenantId: string, runId: string) =>
  store.putText(keys.dispatched(tenantId, runId), JSON.stringify({ runId }), {
    contentType: 'application/json',
  });

/** A run with nothing to send: its manifest, then the finalizer straight away. */
const finishEarly = async <T extends StartOutcome>(
  deps: StartRunDeps,
  facts: ManifestFacts,
  outcome: T,
): Promise<T> => {
  await writeManifest(deps.store, buildManifest(facts));
  await requestFinalize(deps.finalizeQueue, facts.tenantId, facts.runId);
  await markDispatched(deps.store, facts.tenantId, facts.runId);
  return outcome;
};

/**
 * Releases the tenant a superseded run took, and starts the newest waiting file here (the splitter sends nothing to
 * its own queue): the run that superseded this one may have found the tenant held and gone back on the waiting list.
 * Safe to repeat: the newest is picked as a finalizer picks it, and a file started twice stops at its claim or holds
 * the lock itself. The waiting entries go after the start; the started file's own is kept if it had to wait again.
 */
const giveBackTenant = async (deps: StartRunDeps, tenantId: string, runId: string): Promise<void> => {
  const next = await prepareNewestWaiting(deps.store, tenantId);
  await releaseTenantLock(deps.store, tenantId, runId);
  if (!next) return;
  const outcome = await startRun({ ...next.resume, claim: false }, deps);
  const started = keys.waiting(tenantId, next.resume.file.receivedAt, next.resume.runId);
  for (const key of next.entryKeys)
    if (outcome !== 'waiting' || key !== started) await deps.store.delete(key);
};

/**
 * Takes the tenant's lock, or puts the file in the waiting list. The lock is checked again after waiting, so a file
 * never waits behind a run that ended in between.
 */
const lockOrWait = async (deps: StartRunDeps, request: StartRequest, now: () => Date): Promise<boolean> => {
  const { store } = deps;
  const { tenantId, runId, file, supersedes } = request;
  for (;;) {
    const taken = await takeTenantLock(store, request, now);
    if (taken.held) {
      await removeWaiting(store, tenantId, file, runId);
      // Done on every delivery that holds the lock: closing a run twice is harmless (abandonStart hands a run on
      // once), and a delivery that died after the takeover still closes it.
      if (taken.previous?.file)
        await abandonStart(
          {
            tenantId,
            runId: taken.previous.runId,
            file: taken.previous.file,
            supersedes: taken.previous.supersedes,
            claim: false,
          },
          `its run held the tenant past its lease (${SPLIT_LEASE_MS / 3_600_000} hours) without handing the file on, and file ${file.name} took over`,
          deps,
        );
      return true;
    }
    await addWaiting(store, tenantId, { runId, file, supersedes });
    if (await isTenantLocked(store, tenantId)) return false;
  }
};
