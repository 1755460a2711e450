import { afterEach, describe, expect, it } from 'vitest';
import { createJoorClient } from '../../lambdas/adapters/joor/createJoorClient.js';
import type { TenantConfig } from '../../lambdas/core/config/tenantConfig.js';
import type { Customer } from '../../lambdas/core/types.js';
import { keys } from '../../lambdas/pipeline/keys.js';
import { makeCustomer } from '../helpers/customerFactory.js';
import { type Misbehaviour, startIndependentJoor } from '../helpers/independentJoor.js';
import { expectEverythingAccountedFor } from '../helpers/invariant.js';
import { FAST } from '../helpers/joor.js';
import { PipelineHarness } from '../helpers/pipelineHarness.js';
import { writeCustomerFile } from '../helpers/writeCustomerFile.js';

// Issue #32, item 7: no customer is reported accepted without JOOR's word for its own job.
const TOKEN = 'brand-v2-token';
const customers = (from: number, count: number): Customer[] =>
  Array.from({ length: count }, (_, k) => makeCustomer(from + k));
const fileOf = (list: Customer[]) =>
  writeCustomerFile(list, { layout: 'address-rows', delimiter: '|', header: true });
/** The middle customer of three: with a bulk size of 1, the middle job of the run's three. */
const MIDDLE = makeCustomer(2).customerCode;

let harness: PipelineHarness | undefined;
let stopJoor: (() => Promise<void>) | undefined;
afterEach(async () => {
  await harness?.stop();
  await stopJoor?.();
  harness = undefined;
  stopJoor = undefined;
});

/**
 * Three customers, one per job (bulk size 1), through the real handlers against a JOOR written apart from ours,
 * misbehaving as asked; SQS gives a work message ten receives, as the stack does.
 */
const syncThree = async (misbehaviour: Misbehaviour, joor: Partial<TenantConfig['joor']> = {}) => {
  const stand = await startIndependentJoor(TOKEN, misbehaviour);
  stopJoor = stand.stop;
  const h = await PipelineHarness.start({ bulkSize: 1 });
  harness = h;
  const tenant = { ...h.tenant, joor: { ...h.tenant.joor, ...joor } };
  h.store.put(keys.tenantConfig('maison'), JSON.stringify(tenant));
  const client = createJoorClient(
    { ...tenant, joor: { ...tenant.joor, baseUrl: stand.url } },
    { credentials: async () => ({ v2Token: TOKEN }), ...FAST },
  );
  h.joorClient = () => client;
  h.upload('customer_20261127.psv', fileOf(customers(1, 3)));
  await h.drain({ maxReceives: 10 });
  const [report] = await h.reports();
  expectEverythingAccountedFor(report!);
  const postsOf = (code: string) =>
    stand.received.filter((r) => r.connections.some((c) => c.customer_code === code)).length;
  return { report: report!, stand, postsOf };
};

describe('every job’s own answer, read before its customers are accepted', () => {
  it('a middle job of three that JOOR ends "failed": its customer failed in JOOR’s words, the others synced', async () => {
    const { report } = await syncThree({ endsFor: { [MIDDLE]: 'failed' } });
    expect(report.counts).toMatchObject({ sent: 3, accepted: 2, failed: 1 });
    expect(report.failures).toEqual([
      expect.objectContaining({
        customerCode: MIDDLE,
        code: 'job_failed',
        message: expect.stringMatching(/ended "failed": Job could not be processed/),
      }),
    ]);
  });

  it('a middle job in status "error": its customer failed, naming the status', async () => {
    const { report } = await syncThree({ endsFor: { [MIDDLE]: 'error' } });
    expect(report.counts).toMatchObject({ sent: 3, accepted: 2, failed: 1 });
    expect(report.failures).toEqual([
      expect.objectContaining({
        customerCode: MIDDLE,
        code: 'job_failed',
        message: expect.stringMatching(/"error"/),
      }),
    ]);
  });

  it('a middle job JOOR answers 404 for: its customer failed as lost, in JOOR’s words', async () => {
    const { report } = await syncThree({ endsFor: { [MIDDLE]: 'lost' } });
    expect(report.counts).toMatchObject({ sent: 3, accepted: 2, failed: 1 });
    expect(report.failures).toEqual([
      expect.objectContaining({
        customerCode: MIDDLE,
        code: 'job_lost',
        message: expect.stringMatching(/HTTP 404: Bulk connection job \d+ not found/),
      }),
    ]);
  });

  it('a middle job that finished having processed fewer records than it was sent: the shortfall fails', async () => {
    const { report } = await syncThree({ endsFor: { [MIDDLE]: 'short' } });
    expect(report.counts).toMatchObject({ sent: 3, accepted: 2, failed: 1 });
    expect(report.failures).toEqual([
      expect.objectContaining({
        customerCode: MIDDLE,
        code: 'job_incomplete',
        message: expect.stringMatching(/processed 0 of 1 records/),
      }),
    ]);
  });

  it('each job’s answer is read once after the newest finished: three jobs, three reads', async () => {
    const { report, stand } = await syncThree({});
    expect(report.counts).toMatchObject({ sent: 3, accepted: 3, failed: 0 });
    expect(stand.counts.posts).toBe(3);
    expect(stand.counts.jobChecks).toBe(3);
  });

  it('joor.jobResults "newest": while the newest job runs only it is asked, then each other job once', async () => {
    const { report, stand } = await syncThree({ jobMs: 250 });
    expect(report.counts).toMatchObject({ sent: 3, accepted: 3, failed: 0 });
    expect(stand.jobReads.get(3)).toBeGreaterThan(1);
    expect([stand.jobReads.get(1), stand.jobReads.get(2)]).toEqual([1, 1]);
  });

  it('joor.jobResults "each": every pending job asked at each look, the middle one failed all the same', async () => {
    const { report, stand } = await syncThree(
      { jobMs: 250, endsFor: { [MIDDLE]: 'failed' } },
      { jobResults: 'each' },
    );
    expect(stand.jobReads.get(1)).toBeGreaterThan(1);
    expect(report.counts).toMatchObject({ sent: 3, accepted: 2, failed: 1 });
    expect(report.failures).toEqual([expect.objectContaining({ customerCode: MIDDLE, code: 'job_failed' })]);
  });
});

describe('a status JOOR does not document', () => {
  it('is no failure and no reason to post again: checked until joor.jobTimeoutHours, then failed naming it', async () => {
    const { report, postsOf } = await syncThree(
      { endsFor: { [MIDDLE]: 'paused' } },
      { jobTimeoutHours: 0.05 },
    );
    expect(postsOf(MIDDLE)).toBe(1);
    expect(report.counts).toMatchObject({ sent: 3, accepted: 2, failed: 1 });
    expect(report.failures).toEqual([
      expect.objectContaining({
        customerCode: MIDDLE,
        code: 'job_timeout',
        message: expect.stringMatching(
          /not finished after 180 seconds \(last answer: "paused" \(job 2\), a status JOOR does not document\)/,
        ),
      }),
    ]);
  });
});

describe('an answer to the post that is not JOOR’s', () => {
  it('an HTML page with HTTP 200 every time: the batch posted a few times, not once per receive, then failed quoting it', async () => {
    const { report, postsOf } = await syncThree({ htmlPostsFor: [MIDDLE] });
    expect(postsOf(MIDDLE)).toBe(3);
    expect(report.counts).toMatchObject({ sent: 3, accepted: 2, failed: 1 });
    expect(report.failures).toEqual([
      expect.objectContaining({
        customerCode: MIDDLE,
        code: 'joor_unreadable',
        message: expect.stringMatching(
          /posted 3 times, never with an answer from JOOR.*not JOOR's \(HTTP 200: "<!DOCTYPE html><html><head><title>Maintenance/,
        ),
      }),
    ]);
  });
});
