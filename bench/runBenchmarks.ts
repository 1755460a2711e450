import { mkdir } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import { runBundleBenchmark } from './bundleBenchmark.js';
import { runChaosBenchmark } from './chaosBenchmark.js';
import { runFuzzBenchmark } from './fuzzBenchmark.js';
import { runInitBenchmark } from './initBenchmark.js';
import { runJoorBenchmark } from './joorBenchmark.js';
import { runLocalRunBenchmark } from './localRunBenchmark.js';
import { runModelBenchmark } from './modelBenchmark.js';
import { runTenantsBenchmark } from './tenantsBenchmark.js';
import { runValidateBenchmark } from './validateBenchmark.js';

const DATA_DIR = fileURLToPath(new URL('./data/', import.meta.url));

const BENCHMARKS: Record<string, (out: (text: string) => void) => Promise<void>> = {
  validate: (out) => runValidateBenchmark(DATA_DIR, out),
  joor: runJoorBenchmark,
  bundles: runBundleBenchmark,
  'local-run': (out) => runLocalRunBenchmark(DATA_DIR, out),
  chaos: runChaosBenchmark,
  fuzz: runFuzzBenchmark,
  tenants: (out) => runTenantsBenchmark(DATA_DIR, out),
  model: runModelBenchmark,
  init: runInitBenchmark,
};

/** `npm run bench [-- name…]`: prints each figure with the target it is held to; all benchmarks when none is named. */
export const runBenchmarks = async (names: string[], out: (text: string) => void): Promise<void> => {
  const unknown = names.filter((name) => !(name in BENCHMARKS));
  if (unknown.length > 0)
    throw new Error(
      `Unknown benchmark(s) ${unknown.join(', ')}: choose from ${Object.keys(BENCHMARKS).join(', ')}`,
    );
  await mkdir(DATA_DIR, { recursive: true });
  for (const name of names.length > 0 ? names : Object.keys(BENCHMARKS)) {
    await BENCHMARKS[name]!(out);
    out('');
  }
};

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  await runBenchmarks(process.argv.slice(2), (text) => process.stdout.write(`${text}\n`));
}
