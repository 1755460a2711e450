import fc from 'fast-check';
import { parseTenantConfig } from '../lambdas/core/config/index.js';
import { validateFile } from '../lambdas/core/index.js';
import { fuzzViolations } from '../test/helpers/fuzzVerdict.js';
import { hostileFile } from '../test/helpers/mutations.js';
import { file, row } from '../test/helpers/rows.js';
import { sourceOf } from '../test/helpers/sources.js';

/** Mutated files in the long campaign (npm test tries 150). */
const RUNS = Number(process.env.FUZZ_RUNS ?? 5000);
const SEED = Number(process.env.FUZZ_SEED ?? 42);
const MB = 1024 * 1024;
const SIZES_MB = [1, 2, 4, 8];

/** Hostile shapes grown to a size: validate's time on them must grow with the size, not its square (issue #11). */
const SHAPES: Record<string, (bytes: number) => string> = {
  'one line of x': (bytes) => file(row(), 'x'.repeat(bytes), row({ customer_code: 'C2' })),
  'one line of "abc|"': (bytes) => file(row(), 'abc|'.repeat(bytes / 4), row({ customer_code: 'C2' })),
  'a quote that never closes': (bytes) =>
    file(
      row({ address_1: '"Dock 4' }),
      ...Array.from({ length: bytes / 200 }, (_, k) => row({ customer_code: `C${k}` })),
    ),
  'a bad quote on every row': (bytes) =>
    file(
      ...Array.from({ length: bytes / 200 }, (_, k) =>
        row({ customer_code: `C${k}`, address_1: '"Dock" 4' }),
      ),
    ),
};

const timeValidate = async (text: string): Promise<{ seconds: number; heapMb: number }> => {
  const tenant = parseTenantConfig({ tenantId: 'acme' });
  const started = process.hrtime.bigint();
  let peak = 0;
  const sampler = setInterval(() => {
    peak = Math.max(peak, process.memoryUsage().heapUsed);
  }, 5);
  await validateFile('customer_fuzz.psv', sourceOf(text, 64 * 1024), tenant);
  clearInterval(sampler);
  peak = Math.max(peak, process.memoryUsage().heapUsed);
  return { seconds: Number(process.hrtime.bigint() - started) / 1e9, heapMb: peak / MB };
};

/**
 * `npm run bench -- fuzz`: a long seeded campaign of mutated files through the same check as the fuzz test, then
 * validate's time and heap on hostile shapes of growing size, with the time per MB against the smallest size
 * (about 1.0 at every size means linear).
 */
export const runFuzzBenchmark = async (out: (text: string) => void): Promise<void> => {
  out(`fuzz: ${RUNS} mutated files, seed ${SEED} (FUZZ_RUNS, FUZZ_SEED)`);
  let failures = 0;
  const started = Date.now();
  const details = await fc.check(
    fc.asyncProperty(
      hostileFile,
      fc.constantFrom('auto', 'utf-8', 'windows-1252') as fc.Arbitrary<'auto' | 'utf-8' | 'windows-1252'>,
      fc.integer({ min: 1, max: 4096 }),
      async ({ bytes }, encoding, chunk) => {
        const violations = await fuzzViolations(bytes, encoding, chunk);
        if (violations.length > 0) failures += 1;
        return violations.length === 0;
      },
    ),
    { numRuns: RUNS, seed: SEED, endOnFailure: true },
  );
  out(
    `  ${details.numRuns} files, ${details.failed ? `FAILED (replay: FUZZ_SEED=${SEED}, path ${details.counterexamplePath})` : '0 violations'} (${((Date.now() - started) / 1000).toFixed(1)} s)`,
  );
  if (failures > 0) process.exitCode = 1;
  out('  validate on hostile shapes (time per MB against 1 MB: ~1.0 is linear)');
  for (const [name, shape] of Object.entries(SHAPES)) {
    let base = 0;
    const figures: string[] = [];
    for (const size of SIZES_MB) {
      const { seconds, heapMb } = await timeValidate(shape(size * MB));
      const perMb = seconds / size;
      base ||= perMb;
      figures.push(
        `${size} MB ${seconds.toFixed(2)} s (${(perMb / base).toFixed(2)}×, heap ${heapMb.toFixed(0)} MB)`,
      );
    }
    out(`    ${name.padEnd(28)} ${figures.join('  ')}`);
  }
};
