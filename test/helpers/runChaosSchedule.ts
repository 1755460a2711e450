import { type ChaosOptions, type ChaosStats, drainConcurrently } from './concurrentDrain.js';
import { type CrashScenario, crashInvariantViolations } from './crashInvariants.js';
import { PipelineHarness } from './pipelineHarness.js';

/** The campaign's bad day: shares of crashes, AWS faults, time-outs and slow JOOR for every schedule. */
export const CHAOS_DEFAULTS: Omit<ChaosOptions, 'seed'> = {
  crashShare: 0.2,
  faults: { s3: 0.03, sqs: 0.03, ses: 0.1 },
  timeoutShare: 0.01,
  slowJoorShare: 0.2,
};

/** JOOR's job time on a slow day (ms per job), against the emulator's usual 5 ms. */
const SLOW_JOOR_JOB_MS = 60;

export interface ChaosResult {
  violations: string[];
  stats?: ChaosStats;
}

/** The command that replays one schedule of the concurrent campaign. */
export const replayCommand = (seed: number, scenario: string) =>
  `CHAOS_SEED=${seed} CHAOS_SCHEDULES=1 CHAOS_SCENARIO='${scenario}' npm run bench -- chaos`;

/**
 * Runs a scenario with its handlers at the same time under one seeded schedule (crashes, AWS faults, interleaving,
 * redeliveries beside running receives, slow JOOR on every other seed) and returns the invariants it broke.
 */
export const runChaosSchedule = async (
  scenario: CrashScenario,
  seed: number,
  shares: Omit<ChaosOptions, 'seed'> = CHAOS_DEFAULTS,
): Promise<ChaosResult> => {
  const slowJoor = seed % 2 === 1;
  const harness = await PipelineHarness.start(
    { bulkSize: 2 },
    slowJoor ? { job: { baseMs: SLOW_JOOR_JOB_MS, perRecordMs: 1 } } : {},
  );
  try {
    scenario.upload(harness);
    const stats = await drainConcurrently(harness, {
      ...shares,
      slowJoorShare: slowJoor ? shares.slowJoorShare : 0,
      ...scenario.chaos,
      ...(scenario.hooks?.beforeBatch ? { beforeBatch: scenario.hooks.beforeBatch } : {}),
      ...(scenario.meanwhile ? { meanwhile: scenario.meanwhile } : {}),
      seed,
    });
    return { violations: await crashInvariantViolations(scenario, harness, stats.emailsByRun), stats };
  } catch (error) {
    return { violations: [`the run did not settle: ${(error as Error).message.split('\n')[0]}`] };
  } finally {
    await harness.stop();
  }
};
