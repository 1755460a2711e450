import type { ObjectStore } from '../core/ports/index.js';
import { keys } from './keys.js';
import { parseRecord } from './parseRecord.js';
import type { FinalizeClaim } from './runTypes.js';
import { FinalizeClaimSchema } from './schemas.js';

/** Conditional writes a claim update tries before giving up (each loses only to another writer of the same run). */
const UPDATE_ATTEMPTS = 10;

/**
 * Changes a run's finalize claim with a write that must find it as it was read (`If-Match`, or `If-None-Match` when
 * there is none), reading again when another invocation changed it in between: two handlers of one run (a finalizer
 * and the finalize dead-letter handler, or a finalizer and the one that took over its lease) each add what they did
 * and never write back a stale copy over the other's. `change` returns undefined to leave the claim as it is.
 */
export const updateClaim = async (
  store: ObjectStore,
  tenantId: string,
  runId: string,
  change: (current: FinalizeClaim | undefined) => FinalizeClaim | undefined,
): Promise<FinalizeClaim | undefined> => {
  const key = keys.finalizeClaim(tenantId, runId);
  for (let attempt = 1; attempt <= UPDATE_ATTEMPTS; attempt += 1) {
    const tagged = await store.getTagged(key);
    const current = tagged ? parseRecord(FinalizeClaimSchema, tagged.text, key) : undefined;
    const next = change(current);
    if (next === undefined) return current;
    const written = await store.putText(
      key,
      JSON.stringify(next),
      tagged
        ? { ifMatch: tagged.tag, contentType: 'application/json' }
        : { ifAbsent: true, contentType: 'application/json' },
    );
    if (written === 'written') return next;
  }
  throw new Error(
    `The finalize claim of run ${tenantId}/${runId} kept changing under ${UPDATE_ATTEMPTS} writes`,
  );
};
