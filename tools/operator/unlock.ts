import { SqsSender } from '../../lambdas/adapters/index.js';
import {
  abandonStart,
  FinalizeClaimSchema,
  handOnTenant,
  keys,
  readRecord,
  readTenant,
} from '../../lambdas/pipeline/index.js';
import type { Operator } from './Platform.js';
import { type RunState, summarizeRun } from './runs.js';

/** What an operator did: the run's report says so. */
const OPERATOR_REASON =
  'an operator closed it while it held the tenant (customer-sync unlock --yes), so that the next file could start';

export interface UnlockResult {
  tenantId: string;
  /** Who held the tenant, since when, until when the lease runs; absent when no run did. */
  holder?: { runId: string; since: string; expiresAt?: string; file: string };
  /**
   * What was done: `shown` (no --yes), `closing` (the run is closed as not processed; its finalizer reports it
   * and releases the tenant), `released` (a finished run still held it), `in_joor` (refused: its batches are
   * out, its finalizer will release), `free` (no lock).
   */
  action: 'shown' | 'closing' | 'released' | 'in_joor' | 'free';
  /**
   * With `in_joor`: what the run is at, `syncing` or `waiting_on_joor` (its batches are out) or `finishing` (all
   * recorded: its finalizer has it, or that failed and its dead-letter handler has it).
   */
  state?: RunState;
}

/**
 * `customer-sync unlock <tenant> [--yes]`: who holds the tenant's lock and since when; with --yes, the run is
 * closed the way its dead-letter handler would close it (a "could not be processed" report, the file archived, the
 * tenant released and its next waiting file started), never by deleting the lock under a live run. Safe to repeat:
 * closing is abandonStart's, which leaves a run already handed on to its finalizer, and releasing is done only for
 * the run that holds the lock.
 */
export const unlockTenant = async (
  operator: Operator,
  tenantId: string,
  yes: boolean,
): Promise<UnlockResult> => {
  const { store, sqs, platform } = operator;
  const lock = (await readTenant(store, tenantId)).holder;
  if (!lock) return { tenantId, action: 'free' };
  const { file } = lock;
  const holder = { runId: lock.runId, since: lock.since, expiresAt: lock.expiresAt, file: file.name };
  if (!yes) return { tenantId, holder, action: 'shown' };
  const outcome = await abandonStart(
    { tenantId, runId: lock.runId, file, supersedes: lock.supersedes, claim: false },
    OPERATOR_REASON,
    { store, finalizeQueue: new SqsSender(sqs, platform.queues.finalize.url) },
  );
  if (outcome === 'abandoned') return { tenantId, holder, action: 'closing' };
  // Handed on: a run whose finalizer finished but left the lock (it died between its last writes) is released here,
  // and the tenant's next file started, as the finalizer would have done.
  const claim = await readRecord(store, keys.finalizeClaim(tenantId, lock.runId), FinalizeClaimSchema);
  if (!claim?.done) {
    const { state } = await summarizeRun(operator, tenantId, lock.runId, lock.runId);
    return { tenantId, holder, action: 'in_joor', state };
  }
  await handOnTenant(
    store,
    new SqsSender(sqs, platform.queues.inbox.url),
    tenantId,
    lock.runId,
    () => new Date(),
  );
  return { tenantId, holder, action: 'released' };
};
