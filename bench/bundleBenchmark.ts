import { execFile } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { build } from 'esbuild';
import { esbuildOptionsOf, HANDLERS, type HandlerName } from '../lib/platform/bundling.js';

const run = promisify(execFile);
const ROOT = fileURLToPath(new URL('../', import.meta.url));
/** The `node` devDependency, of the Lambda runtime's major version (LAMBDA_NODE_MAJOR), as `npm install` puts it. */
const LAMBDA_NODE = join(ROOT, 'node_modules', '.bin', 'node');
const IMPORT_ROUNDS = 10;
const TARGET_KB: Record<HandlerName, number> = {
  inboxDeadLetter: 120,
  finalizeDeadLetter: 260,
  splitter: 420,
  consumer: 120,
  jobWatcher: 120,
  jobsDeadLetter: 120,
  deadLetter: 120,
  finalizer: 260,
  uploadCopy: 120,
};

/** Milliseconds a fresh process of the runtime's Node takes to load the bundle (the AWS SDK included, as in Lambda). */
const coldImportMs = async (bundle: string): Promise<number> => {
  const script = `const t=process.hrtime.bigint();require(${JSON.stringify(bundle)});process.stdout.write(String(Number(process.hrtime.bigint()-t)/1e6))`;
  const { stdout } = await run(LAMBDA_NODE, ['-e', script], {
    env: { ...process.env, BUCKET_NAME: 'bench', AWS_REGION: 'us-east-1' },
  });
  return Number(stdout);
};

const median = (values: number[]): number => {
  const sorted = [...values].sort((a, b) => a - b);
  const middle = sorted.length >> 1;
  return sorted.length % 2 ? sorted[middle]! : (sorted[middle - 1]! + sorted[middle]!) / 2;
};

/**
 * Each Lambda's minified bundle, built with the CDK app's esbuild settings, and the time a fresh process of the
 * runtime's Node takes to import it (median of ten). The bundles are written inside the project so that they find the AWS SDK in
 * node_modules, as they find it in the Lambda runtime.
 */
export const runBundleBenchmark = async (out: (text: string) => void): Promise<void> => {
  const outdir = await mkdtemp(join(ROOT, 'node_modules', '.bench-bundles-'));
  try {
    out(
      `Lambda bundles (CDK esbuild settings; the AWS SDK is the runtime's), cold import median of ${IMPORT_ROUNDS}`,
    );
    for (const handler of HANDLERS) {
      const outfile = join(outdir, `${handler}.js`);
      const metafile = (await build(esbuildOptionsOf(handler, outfile))).metafile!;
      const bytes = Object.entries(metafile.outputs).find(([path]) => path.endsWith('.js'))![1].bytes;
      const times: number[] = [];
      for (let round = 0; round < IMPORT_ROUNDS; round += 1) times.push(await coldImportMs(outfile));
      const kb = bytes / 1024;
      out(
        `  ${handler.padEnd(11)} ${kb.toFixed(0).padStart(4)} KB (target ≤ ${TARGET_KB[handler]}: ${kb <= TARGET_KB[handler] ? 'met' : 'NOT met'})  cold import ${median(times).toFixed(0).padStart(4)} ms`,
      );
    }
  } finally {
    await rm(outdir, { recursive: true, force: true });
  }
};
