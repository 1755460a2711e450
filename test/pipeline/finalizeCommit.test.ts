import { afterEach, describe, expect, it } from 'vitest';
import type { Customer } from '../../lambdas/core/types.js';
import { abandonFinalize } from '../../lambdas/pipeline/abandonFinalize.js';
import { type FinalizeDeps, finalizeRun } from '../../lambdas/pipeline/finalizeRun.js';
import { keys } from '../../lambdas/pipeline/keys.js';
import { loadTenantConfig } from '../../lambdas/pipeline/loadTenantConfig.js';
import { makeCustomer } from '../helpers/customerFactory.js';
import { PipelineHarness } from '../helpers/pipelineHarness.js';
import { writeCustomerFile } from '../helpers/writeCustomerFile.js';

/*
 * Issue #32: a finalizer still at work and the finalize dead-letter handler closing its run (its receives ran out
 * while it stalled) decide once, in the claim, which of them ends the run, so that the run's one report and its
 * synced state agree (the concurrent campaign's seed 210383: "sent customers do not end accepted or failed").
 */
let harness: PipelineHarness | undefined;
afterEach(async () => {
  await harness?.stop();
  harness = undefined;
});

const customers = (count: number): Customer[] => Array.from({ length: count }, (_, k) => makeCustomer(k + 1));
const LONG_AGO = '2000-01-01T00:00:00.000Z';

/** A run whose batches all have their result, its finalizer not yet run (the finalize queue drops its requests). */
const runAwaitingItsFinalizer = async () => {
  const h = await PipelineHarness.start();
  harness = h;
  h.finalize.send = async () => undefined;
  h.upload(
    'customer_1.psv',
    writeCustomerFile(customers(3), { layout: 'address-rows', delimiter: '|', header: true }),
  );
  await h.drain();
  const [runId] = (await h.store.list('runs/maison/'))
    .filter((key) => key.endsWith('/manifest.json'))
    .map((key) => key.split('/')[2]!);
  const deps: FinalizeDeps = {
    store: h.store,
    mailer: h.mailer,
    inboxQueue: h.inbox,
    finalizeQueue: h.finalize,
    loadTenant: (id) => loadTenantConfig(h.store, id),
    now: () => new Date('2026-11-27T09:00:00.000Z'),
    sleep: async () => undefined,
  };
  const snapshotKey = keys.snapshot('maison', h.tenant.joor.environment, h.tenant.joor.accountId);
  return { h, runId: runId!, deps, snapshotKey };
};

describe('a finalizer and the finalize dead-letter handler closing its run', () => {
  it('a finalizer that finds the run closing stops before it moves any state', async () => {
    const { h, runId, deps, snapshotKey } = await runAwaitingItsFinalizer();
    // The dead-letter handler marked the claim first (its lease long over, so this finalizer takes the claim over).
    await h.store.putText(
      keys.finalizeClaim('maison', runId),
      JSON.stringify({ startedAt: LONG_AGO, closing: true }),
    );
    expect(await finalizeRun('maison', runId, deps)).toEqual({ outcome: 'duplicate' });
    expect(await h.store.getText(snapshotKey)).toBeUndefined();
    expect(await h.store.list(snapshotKey.replace('snapshot.json', 'fields/'))).toEqual([]);
    expect(h.mailer.sent).toHaveLength(0);
  });

  it('a handler that finds the finalizer committed finishes the run by the finalizer’s report', async () => {
    const { h, runId, deps, snapshotKey } = await runAwaitingItsFinalizer();
    await h.store.putText(keys.finalizeClaim('maison', runId), JSON.stringify({ startedAt: LONG_AGO }));
    // The finalizer commits, moves the state, and dies archiving the file.
    const copy = h.store.copy.bind(h.store);
    h.store.copy = async () => {
      throw new Error('the finalizer died');
    };
    await expect(finalizeRun('maison', runId, deps)).rejects.toThrow('the finalizer died');
    h.store.copy = copy;
    expect(await abandonFinalize('maison', runId, 'its finalizer failed at every delivery', deps)).toBe(
      'abandoned',
    );
    const report = JSON.parse((await h.store.getText(keys.report('maison', runId, 'json')))!);
    expect(report.refusal).toBeUndefined();
    expect(report.counts).toMatchObject({ sent: 3, accepted: 3 });
    expect(Object.keys(JSON.parse((await h.store.getText(snapshotKey))!).hashes)).toHaveLength(3);
    expect(await h.store.list('processed/maison/')).toHaveLength(1);
    expect(h.mailer.sent).toHaveLength(1);
    const claim = JSON.parse((await h.store.getText(keys.finalizeClaim('maison', runId)))!);
    expect(claim).toMatchObject({ done: true, committed: true });
  });
});
