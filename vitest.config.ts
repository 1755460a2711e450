import { availableParallelism } from 'node:os';
import { defineConfig } from 'vitest/config';

/**
 * One project per kind of test, so that each runs alone (`npx vitest run --project unit`) with only what it needs:
 * unit, contract and infra need nothing but Node; e2e starts moto (set up on first run); browser needs a Chromium.
 * `npm test` runs them all.
 */
export default defineConfig({
  test: {
    testTimeout: 30_000,
    pool: 'forks',
    // Vitest's default is one worker less than the cores: one on CI's two. Most files wait on moto, fauxqs, the JOOR
    // emulator or a queue's visibility, so two at once halve the run's time on two cores (532 s to 289 s here).
    maxWorkers: Math.max(2, availableParallelism() - 1),
    // The handlers' structured logs and metrics are for CloudWatch; tests keep warnings and errors only.
    env: { POWERTOOLS_LOG_LEVEL: 'WARN', POWERTOOLS_METRICS_DISABLED: 'true' },
    // .ci/run asks for a JSON report to print the plain "N passed, N failed" line CI reads.
    reporters: process.env.VITEST_JSON_REPORT ? ['default', 'json'] : ['default'],
    ...(process.env.VITEST_JSON_REPORT ? { outputFile: { json: process.env.VITEST_JSON_REPORT } } : {}),
    projects: [
      {
        extends: true,
        test: {
          name: 'unit',
          include: ['test/unit/**/*.test.ts', 'test/property/**/*.test.ts', 'test/pipeline/**/*.test.ts'],
        },
      },
      {
        extends: true,
        test: { name: 'contract', include: ['test/contract/**/*.test.ts', 'test/cli/**/*.test.ts'] },
      },
      { extends: true, test: { name: 'infra', include: ['test/infra/**/*.test.ts'] } },
      {
        extends: true,
        test: {
          name: 'e2e',
          include: ['test/e2e/**/*.test.ts'],
          globalSetup: ['test/setup/motoServer.ts'],
        },
      },
      {
        extends: true,
        test: {
          name: 'browser',
          include: ['test/browser/**/*.test.ts'],
          globalSetup: ['test/setup/browserNotice.ts'],
        },
      },
    ],
  },
});
