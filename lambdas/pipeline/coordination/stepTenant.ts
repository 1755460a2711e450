import { createHash } from 'node:crypto';
import * as v from 'valibot';
import type { ObjectStore } from '../../core/ports/index.js';
import { keys } from '../keys.js';
import { parseRecord } from '../parseRecord.js';
import { LockRecordSchema, RunFilesSchema } from '../schemas.js';
import { SPLIT_LEASE_MS } from './lease.js';
import { fold, stepTenantRecord, type TenantEvent, type TenantStep } from './tenantMachine.js';
import {
  FileRefSchema,
  type Holder,
  type Spill,
  SpillSchema,
  type TenantRecord,
  TenantRecordSchema,
  type WaitingRun,
} from './tenantRecord.js';

/** Compare-and-swap attempts before giving up: each lost attempt means another handler of the tenant moved it on. */
const STEP_ATTEMPTS = 20;

/**
 * Reads the tenant's record, steps it with the event the caller makes of it, and writes the next record back only
 * if no one changed it since it was read (`If-Match`; `If-None-Match` for the first); on a conflict it reads again.
 * The effects are returned, not performed: the caller performs them after the write, so a death in between is
 * followed by a repeat that steps again and gets them again (tenantMachine.ts says why for each transition).
 */
export const stepTenant = async (
  store: ObjectStore,
  tenantId: string,
  makeEvent: (record: TenantRecord) => Promise<TenantEvent> | TenantEvent,
): Promise<TenantStep> => {
  const key = keys.tenant(tenantId);
  for (let attempt = 1; attempt <= STEP_ATTEMPTS; attempt += 1) {
    const tagged = await store.getTagged(key);
    const current = tagged
      ? { record: parseRecord(TenantRecordSchema, tagged.text, key), replaces: [] }
      : await migrated(store, tenantId);
    const stepped = stepTenantRecord(current.record, await makeEvent(current.record));
    if (tagged && stepped.record === current.record) return stepped;
    const step = { ...stepped, record: await spillLong(store, tenantId, stepped.record) };
    const written = await store.putText(key, JSON.stringify(step.record), {
      contentType: 'application/json',
      ...(tagged ? { ifMatch: tagged.tag } : { ifAbsent: true }),
    });
    if (written === 'written') {
      // The records the new one replaces go once it is written, as well as may be: a death before, or a caller not
      // allowed to delete (an operator's unlock), leaves them, and they are never read again (the record exists).
      await Promise.all(current.replaces.map((old) => store.delete(old).catch(() => undefined)));
      return step;
    }
  }
  throw new Error(
    `The coordination record of tenant ${tenantId} kept changing under ${STEP_ATTEMPTS} writes`,
  );
};

/**
 * Superseded files kept in the record itself before they move to an object of their own: every step rewrites the
 * record, so thousands of uploads during one long run would cost a rewrite of them all at each upload.
 */
const SPILL_AT = 50;

/**
 * Moves the superseded files of the waiting run past SPILL_AT into an object named by its content, written before the
 * record that names it (a step that loses its compare-and-swap leaves it unnamed, and the lifecycle of `state/`
 * spills expires it). Writing the same spill twice writes the same object.
 */
const spillLong = async (
  store: ObjectStore,
  tenantId: string,
  record: TenantRecord,
): Promise<TenantRecord> => {
  const { next } = record;
  if (!next || next.supersedes.length + next.supersededRuns.length <= SPILL_AT) return record;
  const spill: Spill = { supersedes: next.supersedes, supersededRuns: next.supersededRuns };
  const body = JSON.stringify(spill);
  const key = keys.tenantSpill(tenantId, createHash('sha256').update(body).digest('hex').slice(0, 32));
  await store.putText(key, body, { contentType: 'application/json' });
  return {
    ...record,
    next: { ...next, supersedes: [], supersededRuns: [], spilled: [...next.spilled, key] },
  };
};

/** Every file and run a run supersedes: those in the record and those spilled beside it. */
export const supersededOf = async (store: ObjectStore, run: WaitingRun): Promise<Spill> => {
  const spills = await Promise.all(
    run.spilled.map(async (key) => {
      const text = await store.getText(key);
      // A spill already applied and removed: its files were recorded and its runs marked before it went.
      return text === undefined
        ? { supersedes: [], supersededRuns: [] }
        : parseRecord(SpillSchema, text, key);
    }),
  );
  return {
    supersedes: [...spills.flatMap((spill) => spill.supersedes), ...run.supersedes],
    supersededRuns: [...spills.flatMap((spill) => spill.supersededRuns), ...run.supersededRuns],
  };
};

/** Reads the tenant's record as it stands, without changing it (the operator commands, the run's handlers). */
export const readTenant = async (store: ObjectStore, tenantId: string): Promise<TenantRecord> => {
  const key = keys.tenant(tenantId);
  const text = await store.getText(key);
  return text === undefined
    ? (await migrated(store, tenantId)).record
    : parseRecord(TenantRecordSchema, text, key);
};

/** The run that holds the tenant, if any. */
export const holderOf = async (store: ObjectStore, tenantId: string): Promise<Holder | undefined> =>
  (await readTenant(store, tenantId)).holder;

const ClaimFileSchema = v.object({ file: FileRefSchema });

/**
 * The record of a tenant that has none yet: built from the lock and waiting list of the platform before it (an
 * upgrade with runs in flight finishes them), which the first write removes. A tenant with neither is free.
 */
const migrated = async (
  store: ObjectStore,
  tenantId: string,
): Promise<{ record: TenantRecord; replaces: string[] }> => {
  const lockKey = keys.legacyLock(tenantId);
  const lockText = await store.getText(lockKey);
  const waitingKeys = await store.list(keys.legacyWaitingPrefix(tenantId));
  const replaces = [...(lockText === undefined ? [] : [lockKey]), ...waitingKeys];
  let next: WaitingRun | undefined;
  for (const key of waitingKeys) {
    const text = await store.getText(key);
    if (text === undefined) continue;
    const entry = parseRecord(RunFilesSchema, text, key);
    const run: WaitingRun = { ...entry, supersededRuns: [], spilled: [] };
    next = next ? fold(next, run) : run;
  }
  const holder = lockText === undefined ? undefined : await legacyHolder(store, tenantId, lockText, lockKey);
  const record: TenantRecord = {
    ...(holder ? { holder } : {}),
    ...(next ? { next } : {}),
  };
  return { record, replaces };
};

const legacyHolder = async (
  store: ObjectStore,
  tenantId: string,
  lockText: string,
  lockKey: string,
): Promise<Holder | undefined> => {
  const lock = parseRecord(LockRecordSchema, lockText, lockKey);
  const claimText = lock.file ? undefined : await store.getText(keys.startClaim(tenantId, lock.runId));
  const file = lock.file ?? (claimText ? parseRecord(ClaimFileSchema, claimText, lockKey).file : undefined);
  // A lock of the oldest kind whose run left no claim names no file: nothing of it can be resumed or closed.
  if (!file) return undefined;
  const handedOn = await store.exists(keys.dispatched(tenantId, lock.runId));
  return {
    runId: lock.runId,
    file,
    supersedes: lock.supersedes ?? [],
    supersededRuns: [],
    spilled: [],
    phase: handedOn ? 'handed_on' : 'starting',
    since: lock.since,
    expiresAt: lock.expiresAt ?? new Date(Date.parse(lock.since) + SPLIT_LEASE_MS).toISOString(),
    ...(lock.previous?.file
      ? {
          previous: {
            runId: lock.previous.runId,
            file: lock.previous.file,
            supersedes: lock.previous.supersedes,
            supersededRuns: [],
            spilled: [],
          },
        }
      : {}),
  };
};
