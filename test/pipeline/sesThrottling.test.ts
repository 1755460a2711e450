import { afterEach, describe, expect, it, vi } from 'vitest';
import { MailThrottled } from '../../lambdas/core/ports/index.js';
import { createFinalizerHandler, HELD_RETRY_SECONDS } from '../../lambdas/handlers/finalizer.js';
import { keys } from '../../lambdas/pipeline/keys.js';
import { loadTenantConfig } from '../../lambdas/pipeline/loadTenantConfig.js';
import { makeCustomer } from '../helpers/customerFactory.js';
import { MemoryMailer } from '../helpers/memory.js';
import { PipelineHarness } from '../helpers/pipelineHarness.js';
import { writeCustomerFile } from '../helpers/writeCustomerFile.js';

/*
 * SES over its sending rate or daily quota (#34): a report SES throttles is held, never lost, and sent once SES takes
 * it again, by the finalizer's own pass or by the finalize message it sends itself, delayed, while SES throttles;
 * exactly one email per run however often those messages come.
 */

let harness: PipelineHarness | undefined;
afterEach(async () => {
  await harness?.stop();
  harness = undefined;
  vi.restoreAllMocks();
});

const fileOf = (from: number, count: number) =>
  writeCustomerFile(
    Array.from({ length: count }, (_, k) => makeCustomer(from + k)),
    { layout: 'address-rows', delimiter: '|', header: true },
  );

/** The harness's mailer, throttled by SES as long as `throttling` says (the SES adapter's MailThrottled). */
const throttle = (h: PipelineHarness) => {
  const state = { throttling: true, refused: 0 };
  const deliver = MemoryMailer.prototype.sendRaw.bind(h.mailer);
  vi.spyOn(h.mailer, 'sendRaw').mockImplementation(async (email) => {
    if (!state.throttling) return deliver(email);
    state.refused += 1;
    throw new MailThrottled(
      'SES throttled the send: TooManyRequestsException: Maximum sending rate exceeded.',
    );
  });
  return state;
};

/** The stack's finalizer handler over the harness's store, queues and mailer. */
const finalizerOf = (h: PipelineHarness) => {
  const handler = createFinalizerHandler(() => ({
    store: h.store,
    loadTenant: (id: string) => loadTenantConfig(h.store, id),
    mailer: h.mailer,
    inboxQueue: h.inbox,
    finalizeQueue: h.finalize,
  }));
  let delivery = 0;
  return async (body: string) => {
    delivery += 1;
    const record = {
      messageId: `m-${delivery}`,
      body,
      attributes: { ApproximateReceiveCount: '1' },
      eventSourceARN: 'arn:aws:sqs:eu-west-1:123456789012:finalize',
    };
    const context = { getRemainingTimeInMillis: () => 60_000, functionName: 'finalizer' };
    const answer = await handler({ Records: [record] } as never, context as never);
    expect(answer.batchItemFailures).toEqual([]);
  };
};

const claimOf = async (h: PipelineHarness, runId: string) =>
  JSON.parse((await h.store.getText(keys.finalizeClaim('maison', runId)))!) as {
    email: { status: string; reason?: string };
  };

describe('a report SES throttles', () => {
  it('is held, tried again by a delayed finalize message, and emailed once when SES lets it through', async () => {
    const h = await PipelineHarness.start();
    harness = h;
    const ses = throttle(h);
    h.upload('customer_1.psv', fileOf(1, 5));
    await h.drain();
    const [report] = await h.reports();
    const runId = report!.runId;
    // Finalized without its email, which is held (not failed for good) with the report stored.
    expect(h.mailer.sent).toHaveLength(0);
    expect(ses.refused).toBeGreaterThan(0);
    expect((await claimOf(h, runId)).email.reason).toMatch(/^SES throttled the send: the report is held/);
    expect(await h.store.list(keys.heldReportsPrefix('maison'))).toEqual([keys.heldReport('maison', runId)]);

    // The run's finalize message delivered again (as SES redelivers): SES throttles still, so the finalizer sends
    // itself a finalize message, delayed, to try again.
    const finalize = finalizerOf(h);
    const message = JSON.stringify({ tenantId: 'maison', runId });
    await finalize(message);
    expect(h.mailer.sent).toHaveLength(0);
    const [retry] = h.finalize.take();
    expect(retry).toMatchObject({ body: message, delaySeconds: HELD_RETRY_SECONDS });

    // SES takes sends again: the delayed message emails the report, once, whatever comes after.
    ses.throttling = false;
    await finalize(retry!.body);
    await finalize(retry!.body);
    expect(h.mailer.sent).toHaveLength(1);
    expect(h.finalize.take()).toEqual([]);
    expect((await claimOf(h, runId)).email).toMatchObject({ status: 'sent' });
    expect(await h.store.list(keys.heldReportsPrefix('maison'))).toEqual([]);

    // The tenant's next run emails its own report, and nothing of the first again: one email per run.
    h.upload('customer_2.psv', fileOf(1, 6));
    await h.drain();
    expect(await h.reports()).toHaveLength(2);
    expect(h.mailer.sent).toHaveLength(2);
  });

  it('goes out with the finalizer’s own pass over held reports when the throttling passed at once', async () => {
    const h = await PipelineHarness.start();
    harness = h;
    const ses = throttle(h);
    h.upload('customer_1.psv', fileOf(1, 3));
    await h.drain();
    const [report] = await h.reports();
    ses.throttling = false;
    // Any finalizer of the tenant sends its held reports: here a repeated delivery of the run's own message.
    await finalizerOf(h)(JSON.stringify({ tenantId: 'maison', runId: report!.runId }));
    expect(h.mailer.sent).toHaveLength(1);
    expect(h.finalize.take()).toEqual([]);
  });
});
