import { CONCURRENT_SCENARIOS } from '../test/helpers/concurrentScenarios.js';
import { CRASH_SCENARIOS } from '../test/helpers/crashScenarios.js';
import { CrashSchedule } from '../test/helpers/crashSchedule.js';
import { CHAOS_DEFAULTS, replayCommand, runChaosSchedule } from '../test/helpers/runChaosSchedule.js';
import { runCrashScenario } from '../test/helpers/runCrashScenario.js';

/** Schedules per scenario in the long campaign (npm test runs a few). */
const SCHEDULES = Number(process.env.CHAOS_SCHEDULES ?? 400);
/** Share of handler invocations that die at a random point when they run one at a time (npm test uses the same). */
const CRASH_SHARE = 0.3;
const FIRST_SEED = Number(process.env.CHAOS_SEED ?? 1000);
/** Runs only the scenarios whose name holds this text (a replay names its scenario). */
const ONLY = process.env.CHAOS_SCENARIO ?? '';

const seconds = (since: number) => `${((Date.now() - since) / 1000).toFixed(1)} s`;

/**
 * Two long campaigns of seeded schedules through the in-memory pipeline with the real handlers' code, checked
 * against the same invariants as `npm test`: crashes with one handler at a time, then the handlers at the same time
 * (interleaved at their port calls, deliveries beside running receives) with crashes, AWS faults and slow JOOR. Each
 * failure prints its seed and the command that replays it.
 */
export const runChaosBenchmark = async (out: (text: string) => void): Promise<void> => {
  let total = 0;
  const scenarios = (list: typeof CRASH_SCENARIOS) => list.filter((s) => s.name.includes(ONLY));
  out(
    `chaos, one handler at a time: ${SCHEDULES} seeded schedules per scenario, ${CRASH_SHARE * 100}% of invocations die, seeds from ${FIRST_SEED}`,
  );
  for (const scenario of scenarios(CRASH_SCENARIOS)) {
    const started = Date.now();
    let crashPoints = 0;
    const failures: string[] = [];
    for (let seed = FIRST_SEED; seed < FIRST_SEED + SCHEDULES; seed += 1) {
      const crashes = CrashSchedule.random(seed, CRASH_SHARE);
      const violations = await runCrashScenario(scenario, crashes);
      crashPoints += crashes.crashPoints.length;
      if (violations.length > 0)
        failures.push(
          `seed ${seed}: ${violations.join('; ')} (replay: CHAOS_SEED=${seed} CHAOS_SCHEDULES=1 npm run bench -- chaos)`,
        );
    }
    total += failures.length;
    out(
      `  ${scenario.name}: ${SCHEDULES} schedules, ${crashPoints} crash points hit, ${failures.length} violations (${seconds(started)})`,
    );
    for (const failure of failures.slice(0, 10)) out(`    ${failure}`);
  }
  const { faults } = CHAOS_DEFAULTS;
  out(
    `chaos, handlers at the same time: ${SCHEDULES} seeded schedules per scenario, ${CHAOS_DEFAULTS.crashShare * 100}% of invocations die, AWS attempts fail (S3 ${faults.s3 * 100}%, SQS ${faults.sqs * 100}%, SES ${faults.ses * 100}%), JOOR slow on odd seeds, seeds from ${FIRST_SEED}`,
  );
  for (const scenario of scenarios(CONCURRENT_SCENARIOS)) {
    const started = Date.now();
    const sum = {
      invocations: 0,
      crashes: 0,
      requests: 0,
      faults: 0,
      interleavings: 0,
      timeouts: 0,
      mostAtOnce: 0,
    };
    const failures: string[] = [];
    for (let seed = FIRST_SEED; seed < FIRST_SEED + SCHEDULES; seed += 1) {
      const { violations, stats } = await runChaosSchedule(scenario, seed);
      if (stats) {
        sum.invocations += stats.invocations;
        sum.crashes += stats.crashes;
        sum.requests += stats.requests;
        sum.faults += stats.faults;
        sum.interleavings += stats.interleavings;
        sum.timeouts += stats.timeouts;
        sum.mostAtOnce = Math.max(sum.mostAtOnce, stats.mostAtOnce);
      }
      if (violations.length > 0)
        failures.push(
          `seed ${seed}: ${violations.join('; ')} (replay: ${replayCommand(seed, scenario.name)})`,
        );
    }
    total += failures.length;
    out(
      `  ${scenario.name}: ${SCHEDULES} schedules, ${sum.invocations} invocations (up to ${sum.mostAtOnce} at once), ${sum.crashes} crash points hit, ${sum.faults} of ${sum.requests} AWS attempts failed, ${sum.interleavings} interleavings, ${sum.timeouts} deliveries beside a running receive, ${failures.length} violations (${seconds(started)})`,
    );
    for (const failure of failures.slice(0, 10)) out(`    ${failure}`);
  }
  out(`  violations in all: ${total}`);
};
