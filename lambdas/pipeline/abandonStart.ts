import type { FileRefusal } from '../core/index.js';
import type { MessageSender, ObjectStore, PutOutcome } from '../core/ports/index.js';
import { UNCONFIRMED_CODE } from '../core/sending/index.js';
import { readResults } from './batchPosts.js';
import { recordResults } from './completion.js';
import { isHandedOn } from './handedOn.js';
import { keys } from './keys.js';
import { buildManifest, findManifest, writeManifest } from './manifest.js';
import { requestFinalize } from './requestFinalize.js';
import type { RunManifest } from './runTypes.js';
import type { StartRequest } from './startRun.js';
import { lockHolderOf, supersededBy } from './tenantCoordination.js';

/** The refusal of a file the pipeline itself could not process, in plain words, with the operator's reference. */
export const notProcessed = (runId: string, what: string): FileRefusal => ({
  code: 'not_processed',
  message: `The file could not be processed: ${what}. Send the file again; if it fails again, give your operator the reference ${runId}.`,
});

/**
 * The refusal of a file older than one the tenant has already taken: each file is a full list, so syncing it now
 * would put older data over newer (SPEC §2.3); the brand need not send it again.
 */
export const staleFile = (runId: string, name: string, newer: string): FileRefusal => ({
  code: 'not_processed',
  message: `The file was not processed: a newer file, ${newer}, had already been taken up, and each file is a full list, so the newer one wins. Nothing of ${name} was sent to JOOR; there is nothing to send again (reference ${runId}).`,
});

/**
 * The inbox dead-letter queue's work: a file whose splitter failed on every delivery (out of memory, a bug) is
 * finalized as "could not be processed", so its report is sent, the file archived under rejected/, the tenant
 * released and its next file started. Safe to repeat: a run already handed on is left to its finalizer, and the
 * finalizer's own claim makes one report of it.
 */
export const abandonStart = async (
  request: StartRequest,
  /** Why, in words a refusal of its own wraps (notProcessed), or the refusal itself. */
  reason: string | FileRefusal,
  deps: { store: ObjectStore; finalizeQueue: MessageSender },
): Promise<'abandoned' | 'handed_on'> => {
  const { store } = deps;
  const { tenantId, runId } = request;
  if (await isHandedOn(store, tenantId, runId)) return 'handed_on';
  // Only a manifest that is absent (or unreadable as one) is replaced; a store that failed fails this delivery.
  // A delivery of the run itself may be at work beside this close (it took the tenant back): the "not processed"
  // manifest goes only where there is none, so that of the two the first manifest decides; one the splitter wrote
  // first is closed batch by batch, and a splitter that finds this one first stops (startRun's claimManifest).
  let written = await findManifest(store, tenantId, runId);
  if (!written && (await writeNotProcessed(store, request, reason)) === 'exists') {
    written = await findManifest(store, tenantId, runId);
    // One that cannot be read as a manifest is replaced whole.
    if (!written) await writeNotProcessed(store, request, reason, { replace: true });
  }
  const words = typeof reason === 'string' ? reason : reason.message;
  if (written && written.batches > 0) await closeUnfinishedBatches(store, deps.finalizeQueue, written, words);
  await requestFinalize(deps.finalizeQueue, tenantId, runId);
  await store.putText(keys.dispatched(tenantId, runId), JSON.stringify({ runId, abandoned: words }));
  return 'abandoned';
};

/**
 * The splitter died after its manifest, perhaps while sending batches: which of them went is unknown. Every batch
 * without a result gets one (a conditional write, so a consumer's result already there wins, and a later one is
 * ignored), and the customers no result names are reported failed: they may have reached JOOR, and are sent again
 * with the next file (JOOR upserts, so that is harmless).
 */
const closeUnfinishedBatches = async (
  store: ObjectStore,
  finalizeQueue: MessageSender,
  manifest: RunManifest,
  reason: string,
): Promise<void> => {
  const { tenantId, runId } = manifest;
  const recorded = await readResults(store, tenantId, runId);
  const named = new Set(recorded.flatMap((r) => [...r.accepted, ...r.failures.map((f) => f.customerCode)]));
  const unaccounted = Object.keys(manifest.sentHashes).filter((code) => !named.has(code));
  const done = new Set(recorded.map((r) => r.batch));
  const missing = Array.from({ length: manifest.batches }, (_, batch) => batch).filter(
    (batch) => !done.has(batch),
  );
  const results = missing.map((batch, k) => ({
    batch,
    accepted: [],
    failures:
      k > 0
        ? []
        : unaccounted.map((customerCode) => ({
            customerCode,
            code: UNCONFIRMED_CODE,
            message: `Not confirmed: the file's processing stopped (${reason}) before this customer's batch was confirmed; it may have reached JOOR, and is sent again with the next file`,
          })),
  }));
  await recordResults(store, finalizeQueue, tenantId, runId, results);
};

/** The splitter died before its manifest: the run becomes a refused file, "could not be processed". */
const writeNotProcessed = async (
  store: ObjectStore,
  request: StartRequest,
  reason: string | FileRefusal,
  options: { replace?: boolean } = {},
): Promise<PutOutcome> => {
  const { tenantId, runId } = request;
  const holder = await lockHolderOf(store, tenantId);
  const manifest = buildManifest({
    runId,
    tenantId,
    file: request.file,
    supersedes: await supersededBy(store, tenantId, runId, request.supersedes),
    // No snapshot is compared with or moved forward for a refused file: the key is never used.
    snapshotKey: keys.snapshot(tenantId, 'none', undefined),
    locked: holder === runId,
    refusal:
      typeof reason === 'string' ? notProcessed(runId, `${reason}; nothing of it was sent to JOOR`) : reason,
  });
  return writeManifest(store, manifest, { ifAbsent: options.replace !== true });
};
