import { execFile } from 'node:child_process';
import { once } from 'node:events';
import { createWriteStream, existsSync } from 'node:fs';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { makeCustomer } from '../test/helpers/customerFactory.js';
import { customerFileLines } from '../test/helpers/writeCustomerFile.js';

const run = promisify(execFile);

/** validate may cost at most this much more than fast-csv's bare parse of the same file (issue #2). */
const MAX_RATIO = 1.25;
const MAX_RSS_MB = 300;
const RUNS = 3;

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

/** A heap limit like the one a Lambda of modest size gives V8: without one V8 lets garbage pile up while memory is free. */
const LAMBDA_LIKE_HEAP = '--max-old-space-size=192';

const measure = async (
  mode: 'parse' | 'validate',
  file: string,
  flags: string[] = [],
): Promise<Measurement> => {
  const { stdout } = await run(
    process.execPath,
    [...flags, '--import', 'tsx', 'bench/measure.ts', mode, file],
    {
      maxBuffer: 1 << 20,
    },
  );
  return JSON.parse(stdout) as Measurement;
};

/** Best of a few fresh processes: the least disturbed run is the one closest to the code's own cost. */
const best = async (mode: 'parse' | 'validate', file: string, flags: string[] = []): Promise<Measurement> => {
  const runs: Measurement[] = [];
  for (let k = 0; k < RUNS; k += 1) runs.push(await measure(mode, file, flags));
  return runs.reduce((a, b) => (a.seconds <= b.seconds ? a : b));
};

const rate = (m: Measurement): string => `${Math.round(m.rows / m.seconds).toLocaleString('en-US')} rows/s`;

export const runValidateBenchmark = async (dataDir: string, out: (text: string) => void): Promise<void> => {
  const files = [
    { name: 'customer_100k.psv', customers: 100_000 },
    { name: 'customer_1m_rows.psv', customers: 500_000 },
  ];
  out(
    `validate vs fast-csv's bare parse of the same file (best of ${RUNS} fresh processes, Node ${process.version})`,
  );
  for (const { name, customers: count } of files) {
    const path = join(dataDir, name);
    await generate(path, count);
    const parse = await best('parse', path);
    const validate = await best('validate', path);
    const capped = await measure('validate', path, [LAMBDA_LIKE_HEAP]);
    const ratio = validate.seconds / parse.seconds;
    out(
      `  ${name}: ${validate.rows.toLocaleString('en-US')} lines, ${count.toLocaleString('en-US')} customers`,
    );
    out(
      `    fast-csv parse  ${rate(parse).padStart(16)}  ${parse.seconds.toFixed(2)} s  peak RSS ${parse.maxRssMb.toFixed(0)} MB`,
    );
    out(
      `    validate        ${rate(validate).padStart(16)}  ${validate.seconds.toFixed(2)} s  peak RSS ${validate.maxRssMb.toFixed(0)} MB`,
    );
    out(
      `    validate ${LAMBDA_LIKE_HEAP}: ${capped.seconds.toFixed(2)} s  peak RSS ${capped.maxRssMb.toFixed(0)} MB`,
    );
    out(`    ratio validate/parse time: ${ratio.toFixed(2)} (target ≤ ${MAX_RATIO})`);
    out(
      `    peak RSS: ${validate.maxRssMb.toFixed(0)} MB with V8 defaults, ${capped.maxRssMb.toFixed(0)} MB with a Lambda-like heap (target < ${MAX_RSS_MB} MB on the 1M-row file)`,
    );
  }
};
