import { afterAll, describe, expect, it } from 'vitest';
import type { SyncReport } from '../../lambdas/core/reporting/index.js';
import type { Customer } from '../../lambdas/core/types.js';
import { keys } from '../../lambdas/pipeline/keys.js';
import { type CrashPoint, CrashSchedule } from '../helpers/crashSchedule.js';
import { makeCustomer } from '../helpers/customerFactory.js';
import { expectEverythingAccountedFor } from '../helpers/invariant.js';
import { PipelineHarness } from '../helpers/pipelineHarness.js';
import { writeCustomerFile } from '../helpers/writeCustomerFile.js';

/**
 * Crash at every step: a representative run is recorded call by call (every call the handlers make to the store,
 * the queues, the mailer and JOOR); then, for every call k, the same run is made again with a crash just before
 * call k and just after it, SQS-style redelivery brings the messages back, and the invariants must hold.
 */
const customers = (from: number, count: number): Customer[] =>
  Array.from({ length: count }, (_, k) => makeCustomer(from + k));
const fileOf = (list: Customer[]) =>
  writeCustomerFile(list, { layout: 'address-rows', delimiter: '|', header: true });

interface Scenario {
  name: string;
  upload: (harness: PipelineHarness) => void;
  files: string[];
  /** The file that always ends with a report of its own (the newest full list). */
  newest: string;
}

const SCENARIOS: Scenario[] = [
  {
    name: 'one file',
    upload: (h) => h.upload('customer_1.psv', fileOf(customers(1, 5))),
    files: ['customer_1.psv'],
    newest: 'customer_1.psv',
  },
  {
    name: 'three files of one tenant a second apart',
    upload: (h) => {
      h.upload('customer_1.psv', fileOf(customers(1, 3)));
      h.upload('customer_2.psv', fileOf(customers(1, 4)));
      h.upload('customer_3.psv', fileOf(customers(1, 5)));
    },
    files: ['customer_1.psv', 'customer_2.psv', 'customer_3.psv'],
    newest: 'customer_3.psv',
  },
];

const run = async (scenario: Scenario, crashAt?: CrashPoint) => {
  const harness = await PipelineHarness.start({ bulkSize: 2 });
  const crashes = new CrashSchedule(crashAt);
  try {
    scenario.upload(harness);
    await harness.drain({ crashes });
    return { harness, crashes, reports: await harness.reports() };
  } finally {
    await harness.stop();
  }
};

/** Everything that must hold after any single crash, once redelivery has run its course. */
const expectInvariants = async (scenario: Scenario, harness: PipelineHarness, reports: SyncReport[]) => {
  // Every file ends in exactly one report: its own, or as superseded in a newer file's (which files wait depends on
  // the order deliveries come back in after a crash); the newest always has its own. One email for each report
  // (SES works here), except where the finalizer died while sending: then at most one, and the run says so.
  const own = reports.map((r) => r.file.name);
  const superseded = reports.flatMap((r) => r.superseded.map((s) => s.file));
  expect([...own, ...superseded].sort()).toEqual(scenario.files);
  expect(own).toContain(scenario.newest);
  const interrupted = (
    await Promise.all(
      reports.map(async (r) => JSON.parse((await harness.store.getText(keys.finalized('maison', r.runId)))!)),
    )
  ).filter(
    (claim) => claim.email?.status === 'failed' && /stopped while sending/.test(claim.email.reason),
  ).length;
  expect(harness.mailer.sent.length).toBeLessThanOrEqual(reports.length);
  expect(harness.mailer.sent.length).toBeGreaterThanOrEqual(reports.length - interrupted);
  // Every row ends accepted, unchanged, rejected, failed or quarantined.
  for (const report of reports) expectEverythingAccountedFor(report);
  // The snapshot never holds a customer JOOR does not have.
  const snapshotText = await harness.store.getText(
    keys.snapshot('maison', harness.tenant.joor.environment, harness.tenant.joor.accountId),
  );
  const synced = Object.keys(JSON.parse(snapshotText ?? '{"hashes":{}}').hashes);
  const inJoor = new Set(harness.joor.emulator.connectionsOf().keys());
  expect(synced.filter((code) => !inJoor.has(code))).toEqual([]);
  // The tenant is free, nothing waits, every file is archived.
  expect(await harness.store.getText(keys.lock('maison'))).toBeUndefined();
  expect(await harness.store.list(keys.waitingPrefix('maison'))).toEqual([]);
  expect(await harness.store.list('inbox/')).toEqual([]);
};

const covered: string[] = [];
afterAll(() => {
  for (const line of covered) console.log(line);
});

describe('a crash at any step', () => {
  for (const scenario of SCENARIOS) {
    it(`leaves every invariant intact: ${scenario.name}`, { timeout: 120_000 }, async () => {
      const clean = await run(scenario);
      await expectInvariants(scenario, clean.harness, clean.reports);
      const calls = clean.crashes.calls.length;
      expect(calls).toBeGreaterThan(20);
      const failures: string[] = [];
      for (let call = 1; call <= calls; call += 1) {
        for (const when of ['before', 'after'] as const) {
          const where = `${when} call ${call} (${clean.crashes.calls[call - 1]})`;
          try {
            const crashed = await run(scenario, { call, when });
            expect(crashed.crashes.crashed, `the crash ${where} happened`).toBe(true);
            await expectInvariants(scenario, crashed.harness, crashed.reports);
          } catch (error) {
            failures.push(`${where}: ${(error as Error).message.split('\n')[0]}`);
          }
        }
      }
      covered.push(
        `crash at every step, ${scenario.name}: ${calls} calls, ${calls * 2} crash points, ${failures.length} violations`,
      );
      expect(failures).toEqual([]);
    });
  }
});
