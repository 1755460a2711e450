import { type CrashScenario, crashInvariantViolations } from './crashInvariants.js';
import type { CrashSchedule } from './crashSchedule.js';
import { PipelineHarness } from './pipelineHarness.js';

/** Runs a scenario under a crash schedule until redelivery settles, and returns the invariants it broke. */
export const runCrashScenario = async (
  scenario: CrashScenario,
  crashes: CrashSchedule,
): Promise<string[]> => {
  const harness = await PipelineHarness.start({ bulkSize: 2 });
  try {
    scenario.upload(harness);
    await harness.drain({ ...scenario.hooks, crashes });
    return await crashInvariantViolations(scenario, harness);
  } catch (error) {
    return [`the run did not settle: ${(error as Error).message.split('\n')[0]}`];
  } finally {
    await harness.stop();
  }
};
