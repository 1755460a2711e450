import { CRASH_SCENARIOS } from '../test/helpers/crashScenarios.js';
import { CrashSchedule } from '../test/helpers/crashSchedule.js';
import { runCrashScenario } from '../test/helpers/runCrashScenario.js';

/** Schedules per scenario in the long campaign (npm test runs 25). */
const SCHEDULES = Number(process.env.CHAOS_SCHEDULES ?? 400);
/** Share of handler invocations that die at a random point (npm test uses the same). */
const CRASH_SHARE = 0.3;
const FIRST_SEED = Number(process.env.CHAOS_SEED ?? 1000);

/**
 * A long campaign of seeded random crash schedules through the in-memory pipeline with the real handlers' code,
 * checked against the same invariants as `npm test`. Each failure prints its seed: `CHAOS_SEED=<seed>
 * CHAOS_SCHEDULES=1 npm run bench -- chaos` replays it.
 */
export const runChaosBenchmark = async (out: (text: string) => void): Promise<void> => {
  out(
    `chaos: ${SCHEDULES} seeded schedules per scenario, ${CRASH_SHARE * 100}% of invocations die, seeds from ${FIRST_SEED}`,
  );
  let total = 0;
  for (const scenario of CRASH_SCENARIOS) {
    const started = Date.now();
    let crashPoints = 0;
    const failures: string[] = [];
    for (let seed = FIRST_SEED; seed < FIRST_SEED + SCHEDULES; seed += 1) {
      const crashes = CrashSchedule.random(seed, CRASH_SHARE);
      const violations = await runCrashScenario(scenario, crashes);
      crashPoints += crashes.crashPoints.length;
      if (violations.length > 0) failures.push(`seed ${seed}: ${violations.join('; ')}`);
    }
    total += failures.length;
    out(
      `  ${scenario.name}: ${SCHEDULES} schedules, ${crashPoints} crash points hit, ${failures.length} violations (${((Date.now() - started) / 1000).toFixed(1)} s)`,
    );
    for (const failure of failures.slice(0, 10)) out(`    ${failure}`);
  }
  out(`  violations in all: ${total}`);
};
