import { execFile } from 'node:child_process';
import { once } from 'node:events';
import { createWriteStream, existsSync } from 'node:fs';
import { mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { makeCustomer } from '../test/helpers/customerFactory.js';
import { customerFileLines } from '../test/helpers/writeCustomerFile.js';

const run = promisify(execFile);
const CUSTOMERS = 20_000;
/** JOOR's 300 s window shortened 100×, as in the JOOR benchmark. */
const WINDOW_MS = '3000';
const TARGET_SHARE = 0.2;

const generate = async (path: string): Promise<void> => {
  if (existsSync(path)) return;
  const out = createWriteStream(path);
  const customers = Array.from({ length: CUSTOMERS }, (_, k) => makeCustomer(k + 1));
  for (const line of customerFileLines(customers, { layout: 'address-rows', delimiter: '|', header: true })) {
    if (!out.write(line)) await once(out, 'drain');
  }
  out.end();
  await once(out, 'finish');
};

const timedStart = async (file: string, state: string) => {
  const started = process.hrtime.bigint();
  const { stdout } = await run(
    process.execPath,
    ['bin/customer-sync.js', 'start', file, '--json', '--state', state],
    {
      env: { ...process.env, JOOR_EMULATOR_WINDOW_MS: WINDOW_MS },
      maxBuffer: 64 << 20,
    },
  );
  const seconds = Number(process.hrtime.bigint() - started) / 1e9;
  return {
    seconds,
    summary: JSON.parse(stdout.trim().split('\n').at(-1)!) as { counts: Record<string, number> },
  };
};

/** A 20,000-customer file through `npm start` twice with the state kept: the second run must send nothing. */
export const runLocalRunBenchmark = async (dataDir: string, out: (text: string) => void): Promise<void> => {
  const file = join(dataDir, 'customer_20k.psv');
  await generate(file);
  const state = await mkdtemp(join(tmpdir(), 'customer-sync-bench-state-'));
  const first = await timedStart(file, state);
  const second = await timedStart(file, state);
  const ratio = second.seconds / first.seconds;
  out(
    `npm start end to end: ${CUSTOMERS.toLocaleString('en-US')} customers, JOOR window ${Number(WINDOW_MS) / 1000} s (whole process: emulators, pipeline, report)`,
  );
  out(
    `  first run   ${first.seconds.toFixed(1)} s  sent ${first.summary.counts.sent}, accepted ${first.summary.counts.accepted}`,
  );
  out(
    `  second run  ${second.seconds.toFixed(1)} s  sent ${second.summary.counts.sent}, unchanged ${second.summary.counts.unchanged}`,
  );
  out(
    `  ratio second/first: ${ratio.toFixed(2)} (target: a small fraction, ≤ ${TARGET_SHARE}; the second must send 0: ${second.summary.counts.sent === 0 ? 'met' : 'NOT met'})`,
  );
};
