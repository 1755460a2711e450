import { MAX_BATCH_BYTES, planBatches } from '../core/batching/index.js';
import type { TenantConfig } from '../core/config/index.js';
import type { MessageSender, ObjectStore } from '../core/ports/index.js';
import { abandonStart, staleFile } from './abandonStart.js';
import { owesRelease, readTenant, SPLIT_LEASE_MS } from './coordination/index.js';
import { isHandedOn } from './handedOn.js';
import { keys } from './keys.js';
import { buildManifest, claimManifest, type ManifestFacts, writeManifest } from './manifest.js';
import { planFile } from './planFile.js';
import { readRecord } from './readRecord.js';
import { collectRefusal } from './refusalDigest.js';
import { inFileOrder, replayOf } from './replay.js';
import { requestFinalize } from './requestFinalize.js';
import type { BatchMessage, RunFiles } from './runTypes.js';
import { FinalizeClaimSchema, RunManifestSchema } from './schemas.js';
import { writeSentFields } from './syncedFields.js';
import { DEFAULT_TENANT_BOUNDS, type TenantBounds } from './tenantBounds.js';
import {
  markHandingOn,
  releaseTenant,
  supersededBy,
  type TenantEffectDeps,
  takeTenant,
} from './tenantCoordination.js';
import { upfrontRefusalOf } from './upfrontRefusals.js';

export interface StartRunDeps {
  store: ObjectStore;
  workQueue: MessageSender;
  finalizeQueue: MessageSender;
  loadTenant: (tenantId: string) => Promise<TenantConfig>;
  now?: () => Date;
  /** The platform's bounds per tenant (`platform.json`); the defaults when not given. */
  bounds?: TenantBounds;
}

export type StartOutcome =
  | 'duplicate'
  | 'waiting'
  | 'refused'
  | 'quarantined'
  | 'sent'
  | 'nothing_to_send'
  | 'dry_run';

export interface StartRequest extends RunFiles {
  tenantId: string;
  /** False for a run the finalizer resumes: its claim was taken when the file first arrived. */
  claim: boolean;
  /** An upload whose SFTP session dropped mid-file, moved aside by Transfer Family's workflow. */
  partial?: boolean;
  /** A file under `dry-run/`: planned and reported, never sent; it takes no lock and moves no state. */
  dryRun?: boolean;
  /** A folder of the SFTP home the platform does not read (not `dry-run/`): the file is refused, not read. */
  folder?: string;
  /** The object's size from its S3 event; a fresh event without one is asked of the store (a head). */
  bytes?: number;
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
 * - asking for the finalizer twice is harmless: its own claim lets one invocation proceed;
 * - a file refused before it is read is collected for its interval's digest or reported on its own, and its run's
 *   claim keeps it to one report either way (refusalDigest.ts says why each step is safe to repeat).
 */
export const startRun = async (arrived: StartRequest, deps: StartRunDeps): Promise<StartOutcome> => {
  const { store } = deps;
  const { tenantId, runId } = arrived;
  const claim = arrived.claim
    ? await store.putText(keys.startClaim(tenantId, runId), JSON.stringify({ runId, file: arrived.file }), {
        ifAbsent: true,
      })
    : 'exists';
  // A claimed run that was handed on is done here: this is a repeated event (or a resume of a run that took the
  // lock itself). Otherwise an earlier delivery died part-way (SQS brought the event back): carry on from the start.
  if (claim === 'exists' && (await isHandedOn(store, tenantId, runId))) {
    await giveBackIfStale(deps, tenantId, runId);
    // A superseded run asks for the tenant again: if the run that supersedes it still waits to be started (the step
    // that made it so died before starting it), the record's answer starts it.
    if ((await store.getText(keys.dispatched(tenantId, runId)))?.includes('"supersededBy"'))
      await takeTenant(tenantEffects(deps, tenantId, arrived), arrived, deps.now ?? (() => new Date()));
    return 'duplicate';
  }
  // A replay's copy takes its file's place in the order before it waits or takes the lock (replay.ts, #32); a resumed
  // run's file was placed when it first arrived.
  const copied = arrived.claim ? await replayOf(store, arrived.file) : undefined;
  const placed = copied ? await inFileOrder(store, arrived, copied) : undefined;
  const request = placed?.request ?? arrived;
  const { file } = request;
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
  // A resumed run's file passed these checks when it arrived: its size is not asked again.
  const bytes = request.bytes ?? (request.claim ? await store.size(file.key, file.versionId) : undefined);
  const bounds = deps.bounds ?? DEFAULT_TENANT_BOUNDS;
  const upfront = upfrontRefusalOf(
    {
      name: file.name,
      fileNamePattern: tenant.fileNamePattern,
      partial: request.partial === true,
      ...(request.folder ? { folder: request.folder } : {}),
      bytes,
    },
    bounds,
  );
  if (upfront) {
    const refused = { ...facts, refusal: upfront, ...(bytes === undefined ? {} : { bytes }) };
    // Reported with the tenant's other refused files of the interval (refusalDigest.ts), or now on its own.
    const now = (deps.now ?? (() => new Date()))();
    if (await collectRefusal(deps, buildManifest(refused), bounds.refusalDigestMinutes, now)) {
      await writeManifest(store, buildManifest(refused));
      await markDispatched(store, tenantId, runId);
      return 'refused';
    }
    return finishEarly(deps, refused, 'refused');
  }
  if (request.dryRun) return dryRun(deps, facts, tenant);
  const locked = await takeTenant(
    tenantEffects(deps, tenantId, request),
    request,
    deps.now ?? (() => new Date()),
  );
  if (!locked.held) return 'waiting';
  // The run was handed on after the check above, by another delivery of it or by a finalizer that picked a newer
  // waiting file over it. A lock this delivery just took is given back unless the run's finalizer is still to
  // release it: another delivery of the run, at work beside this one, found it held by the run and used it (two
  // deliveries of one message at once); a lock the run held already stays with it while the run is at work.
  if (await store.exists(keys.dispatched(tenantId, runId))) {
    if (!locked.fresh) await giveBackIfStale(deps, tenantId, runId);
    else if (!(await finalizerWillRelease(store, tenantId, runId)))
      await giveBackTenant(deps, tenantId, runId);
    return 'duplicate';
  }
  facts.locked = true;
  // What the record says the run supersedes was recorded beside it, in arrival order, when it took the tenant.
  facts.supersedes = await supersededBy(store, tenantId, runId, request.supersedes);

  const replay = arrived.claim ? placed?.replay : await replayOf(store, file);
  if (replay) facts.replay = replay;
  const planned = await planFile(store, {
    name: file.name,
    open: () => store.open(file.key, file.versionId),
    tenant,
    snapshotKey,
    sendAll: replay?.full === true,
  });
  const { validation, diff, customers, refusal } = planned;
  if (planned.firstSync) facts.firstSync = { environment, ...(accountId ? { accountId } : {}) };
  facts.validation = validation;
  facts.diff = diff;
  facts.changes = { changed: planned.changed, widestChange: planned.widestChange };
  if (refusal)
    return finishEarly(deps, { ...facts, refusal }, validation.refusal ? 'refused' : 'quarantined');

  const plan = planBatches(customers, {
    bulkSize: tenant.bulkSize,
    maxBytes: MAX_BATCH_BYTES - ENVELOPE_BYTES,
  });
  const hashes = validation.contentHashes();
  facts.plan = {
    batches: plan.batches.length,
    sentHashes: Object.fromEntries(
      plan.batches.flat().map((c) => [c.customerCode, hashes.get(c.customerCode)!]),
    ),
    oversized: plan.oversized,
    maxBatchBytes: MAX_BATCH_BYTES,
  };
  if (plan.batches.length === 0) return finishEarly(deps, facts, 'nothing_to_send');
  await writeSentFields(store, tenantId, runId, plan.batches.flat(), facts.plan.sentHashes);
  if ((await claimManifest(store, buildManifest(facts))) === 'closed') {
    // Closed as not processed while this delivery read the file (it had been taken over): nothing is sent. The close
    // is carried to its end here too (its finalizer asked for, the run marked handed on), in case its closer died
    // before, and the tenant this delivery took is given back unless the closed run's finalizer releases it.
    await abandonStart({ ...request, claim: false }, 'the run that took the tenant over closed it', deps);
    if (!(await finalizerWillRelease(store, tenantId, runId))) await giveBackTenant(deps, tenantId, runId);
    return 'duplicate';
  }
  // Fenced: a run whose lease ended and was taken over while it read the file learns it here and sends nothing (the
  // run that took over closes it as not processed).
  if (!(await markHandingOn(store, tenantId, runId))) return closeTakenOver(deps, request);
  await deps.workQueue.send(
    plan.batches.map((batch, index) => ({
      body: JSON.stringify({
        tenantId,
        runId,
        batch: index,
        batches: plan.batches.length,
        customers: batch,
      } satisfies BatchMessage),
      groupId: tenantId,
      deduplicationId: `${runId}-${index}`,
    })),
  );
  await markDispatched(store, tenantId, runId);
  return 'sent';
};

/**
 * A dry run: the file planned against the synced state and handed to the finalizer for its report, without the
 * tenant's lock (it sends nothing and moves no state, so it neither waits for nor holds up the tenant's runs).
 * Safe to repeat as the rest: planning only reads, and the manifest is written whole.
 */
const dryRun = async (
  deps: StartRunDeps,
  facts: ManifestFacts,
  tenant: TenantConfig,
): Promise<'dry_run' | 'duplicate'> => {
  const { file } = facts;
  const planned = await planFile(deps.store, {
    name: file.name,
    open: () => deps.store.open(file.key, file.versionId),
    tenant,
    snapshotKey: facts.snapshotKey,
  });
  return finishEarly(
    deps,
    {
      ...facts,
      dryRun: true,
      validation: planned.validation,
      diff: planned.compared,
      changes: { changed: planned.changed, widestChange: planned.widestChange },
      ...(planned.refusal ? { refusal: planned.refusal } : {}),
    },
    'dry_run',
  );
};

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
): Promise<T | 'duplicate'> => {
  await writeManifest(deps.store, buildManifest(facts));
  if (facts.locked && !(await markHandingOn(deps.store, facts.tenantId, facts.runId)))
    return closeTakenOver(deps, {
      tenantId: facts.tenantId,
      runId: facts.runId,
      file: facts.file,
      supersedes: facts.supersedes,
      claim: false,
    });
  await requestFinalize(deps.finalizeQueue, facts.tenantId, facts.runId);
  await markDispatched(deps.store, facts.tenantId, facts.runId);
  return outcome;
};

/**
 * A delivery of a handed-on run that finds the tenant still held by the run: an earlier delivery took it after the
 * run was over, superseded or closed without it (and died before giving it back). Given back here unless the run's
 * finalizer is still to release it; a run still at work keeps its tenant.
 */
const giveBackIfStale = async (deps: StartRunDeps, tenantId: string, runId: string): Promise<void> => {
  const { store } = deps;
  const record = await readTenant(store, tenantId);
  if (!owesRelease(record, runId)) return;
  if (record.holder?.runId !== runId) {
    // Handed on already, by a release that may have died before it started the run it handed to: repeated.
    await giveBackTenant(deps, tenantId, runId);
    return;
  }
  const finalized = await readRecord(store, keys.finalizeClaim(tenantId, runId), FinalizeClaimSchema);
  const dispatched = await store.getText(keys.dispatched(tenantId, runId));
  if (
    finalized?.done ||
    dispatched?.includes('"supersededBy"') ||
    !(await finalizerWillRelease(store, tenantId, runId))
  )
    await giveBackTenant(deps, tenantId, runId);
};

/**
 * Whether the run's own handlers will release a lock it holds: its manifest says it took the tenant, and none of them
 * has begun handing the tenant on (handOnTenant marks that before releasing). A run superseded or closed while it
 * waited never took the tenant, and its handlers release nothing.
 */
const finalizerWillRelease = async (
  store: ObjectStore,
  tenantId: string,
  runId: string,
): Promise<boolean> => {
  const manifest = await readRecord(store, keys.manifest(tenantId, runId), RunManifestSchema);
  if (!manifest?.locked) return false;
  const claim = await readRecord(store, keys.finalizeClaim(tenantId, runId), FinalizeClaimSchema);
  return !claim?.handingOn && !claim?.done;
};

/**
 * Gives back the tenant a run took on a late delivery (its run superseded, closed or over), starting the newest
 * waiting file here (the splitter sends nothing to its own queue): the run that superseded this one may have found the
 * tenant held and waited. Safe to repeat: a release by a run that no longer holds the tenant does nothing, and a file
 * started twice stops at its claim or holds the tenant itself.
 */
const giveBackTenant = async (deps: StartRunDeps, tenantId: string, runId: string): Promise<void> => {
  await releaseTenant(tenantEffects(deps, tenantId), tenantId, runId, deps.now ?? (() => new Date()));
};

/**
 * How the splitter performs the tenant's effects: a run handed the tenant is started here, and a run whose lease
 * ended is closed as its dead-letter handler would close it.
 */
const tenantEffects = (deps: StartRunDeps, tenantId: string, request?: StartRequest): TenantEffectDeps => ({
  store: deps.store,
  resume: (run) =>
    startRun({ tenantId, runId: run.runId, file: run.file, supersedes: run.supersedes, claim: false }, deps),
  close: (run, by, why) =>
    abandonStart(
      { tenantId, runId: run.runId, file: run.file, supersedes: run.supersedes, claim: false },
      why === 'stale'
        ? staleFile(run.runId, run.file.name, by.file.name)
        : `its run held the tenant past its lease (${SPLIT_LEASE_MS / 3_600_000} hours) without handing the file on, and file ${by.file.name}${request && by.runId !== request.runId ? ` (which supersedes ${request.file.name})` : ''} took over`,
      deps,
    ),
});

/**
 * The run lost the tenant while it worked (its lease ended and a newer file took over): it is closed as not
 * processed, as the run that took over closes it; nothing of it was sent.
 */
const closeTakenOver = async (deps: StartRunDeps, request: StartRequest): Promise<'duplicate'> => {
  await abandonStart(
    { ...request, claim: false },
    'another file took the tenant over while it was read',
    deps,
  );
  return 'duplicate';
};
