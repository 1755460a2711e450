import { execFile } from 'node:child_process';
import { once } from 'node:events';
import { createWriteStream, existsSync } from 'node:fs';
import { mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { build } from 'esbuild';
import { LAMBDA_BUNDLING } from '../lib/platform/bundling.js';
import { makeCustomer } from '../test/helpers/customerFactory.js';
import { customerFileLines } from '../test/helpers/writeCustomerFile.js';
import type { MeasureMode } from './measure.js';

const run = promisify(execFile);

/** validate may cost at most this much more than fast-csv's bare parse of the same file (issue #2). */
const MAX_RATIO = 1.25;
const MAX_RSS_MB = 300;
/**
 * Rounds of every mode, interleaved: on a shared 2-core machine the same work takes up to half
 * as long again from one minute to the next, so each figure is the best of its rounds, taken from the same minutes.
 */
const ROUNDS = 5;
const MODES: readonly MeasureMode[] = ['parse', 'parse-16k', 'validate', 'validate-hashing'];

interface Measurement {
  rows: number;
  seconds: number;
  maxRssMb: number;
}

async function* customers(count: number) {
  for (let n = 1; n <= count; n += 1) yield makeCustomer(n, { alwaysShipping: true });
}

const generate = async (path: string, customerCount: number): Promise<void> => {
  if (existsSync(path)) return;
  const out = createWriteStream(path);
  const lines: string[] = [];
  for await (const customer of customers(customerCount)) {
    for (const line of customerFileLines([customer], {
      layout: 'address-rows',
      delimiter: '|',
      header: lines.length === 0 && !out.bytesWritten,
    }))
      lines.push(line);
    if (lines.length >= 2000) {
      if (!out.write(lines.join(''))) await once(out, 'drain');
      lines.length = 0;
    }
  }
  out.end(lines.join(''));
  await once(out, 'finish');
};

/**
 * The measuring script bundled as the Lambdas are (esbuild, minified, their runtime's target): the figures are those
 * of the code that runs in AWS, without tsx compiling TypeScript on the fly (which costs time and 36 MB of RSS).
 */
const bundleMeasure = async (): Promise<string> => {
  const outfile = join(await mkdtemp(join(tmpdir(), 'bench-measure-')), 'measure.mjs');
  await build({
    entryPoints: [new URL('./measure.ts', import.meta.url).pathname],
    outfile,
    bundle: true,
    minify: true,
    platform: 'node',
    target: LAMBDA_BUNDLING.target,
    format: 'esm',
    // CommonJS dependencies (fast-csv) call require(): give the ES module bundle one.
    banner: {
      js: "import { createRequire } from 'node:module'; const require = createRequire(import.meta.url);",
    },
    logLevel: 'warning',
  });
  return outfile;
};

const measure = async (script: string, mode: MeasureMode, file: string): Promise<Measurement> => {
  const { stdout } = await run(process.execPath, [script, mode, file], { maxBuffer: 1 << 20 });
  return JSON.parse(stdout) as Measurement;
};

const fastest = (runs: Measurement[]): Measurement => runs.reduce((a, b) => (a.seconds <= b.seconds ? a : b));
const median = (values: number[]): number =>
  [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)]!;
const rate = (m: Measurement): string => `${Math.round(m.rows / m.seconds).toLocaleString('en-US')} rows/s`;

export const runValidateBenchmark = async (dataDir: string, out: (text: string) => void): Promise<void> => {
  const files = [
    { name: 'customer_100k.psv', customers: 100_000 },
    { name: 'customer_1m_rows.psv', customers: 500_000 },
  ];
  const script = await bundleMeasure();
  out(
    `validate vs fast-csv's bare parse of the same file: code bundled as for Lambda, Node ${process.version}, best of ${ROUNDS} interleaved rounds`,
  );
  for (const { name, customers: count } of files) {
    const path = join(dataDir, name);
    await generate(path, count);
    const runs: Record<MeasureMode, Measurement[]> = {
      parse: [],
      'parse-16k': [],
      validate: [],
      'validate-hashing': [],
    };
    // Each round starts with the next mode, so that no mode always runs at the same point of the machine's swings.
    for (let round = 0; round < ROUNDS; round += 1)
      for (let k = 0; k < MODES.length; k += 1) {
        const mode = MODES[(round + k) % MODES.length]!;
        runs[mode].push(await measure(script, mode, path));
      }
    const parse = fastest(runs.parse);
    const parse16k = fastest(runs['parse-16k']);
    const validate = fastest(runs.validate);
    const hashing = fastest(runs['validate-hashing']);
    const ratio = validate.seconds / parse.seconds;
    const roundRatios = runs.validate.map((v, k) => v.seconds / runs.parse[k]!.seconds);
    const ownWorkRatios = runs.validate.map((v, k) => v.seconds / runs['parse-16k'][k]!.seconds);
    const peakRss = Math.max(...[...runs.validate, ...runs['validate-hashing']].map((m) => m.maxRssMb));
    out(
      `  ${name}: ${validate.rows.toLocaleString('en-US')} lines, ${count.toLocaleString('en-US')} customers`,
    );
    out(
      `    fast-csv parse, file stream defaults  ${rate(parse).padStart(16)}  ${parse.seconds.toFixed(2)} s`,
    );
    out(
      `    fast-csv parse, 16 KB pieces          ${rate(parse16k).padStart(16)}  ${parse16k.seconds.toFixed(2)} s`,
    );
    out(
      `    validate                              ${rate(validate).padStart(16)}  ${validate.seconds.toFixed(2)} s`,
    );
    out(
      `    ratio validate/parse time: ${ratio.toFixed(2)} (target ≤ ${MAX_RATIO}; median of the rounds' own ratios ${median(roundRatios).toFixed(2)})`,
    );
    out(
      `    ratio validate/parse with the same 16 KB pieces validate reads in: ${(validate.seconds / parse16k.seconds).toFixed(2)} (validate's own work; median of rounds ${median(ownWorkRatios).toFixed(2)})`,
    );
    out(
      `    ratio with content hashes: ${(hashing.seconds / parse.seconds).toFixed(2)} to the parse with defaults, ${(hashing.seconds / parse16k.seconds).toFixed(2)} to the 16 KB one`,
    );
    out(
      `    peak RSS of validate: ${peakRss.toFixed(0)} MB, highest of ${2 * ROUNDS} runs with and without hashes (target < ${MAX_RSS_MB} MB on the 1M-row file); bare parse ${Math.max(...runs.parse.map((m) => m.maxRssMb)).toFixed(0)} MB`,
    );
  }
};
