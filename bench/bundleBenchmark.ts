import { execFile } from 'node:child_process';
import { mkdtemp, readdir, readFile, stat } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';

const run = promisify(execFile);
const MAX_BUNDLE_BYTES = 1_000_000;
const HANDLERS = ['splitter', 'consumer', 'finalizer', 'deadLetter'];

/**
 * Each Lambda's minified bundle, built by `cdk synth` exactly as it deploys (esbuild, minify, source maps apart).
 * The asset folders are matched to handlers by their `handler` export's source path in the source map.
 */
export const runBundleBenchmark = async (out: (text: string) => void): Promise<void> => {
  const outdir = await mkdtemp(join(tmpdir(), 'cdk-bench-'));
  await run('npx', ['cdk', 'synth', '--quiet', '--output', outdir], { maxBuffer: 16 << 20 });
  out('Lambda bundles (minified, from cdk synth; the AWS SDK is the runtime’s)');
  for (const entry of await readdir(outdir)) {
    if (!entry.startsWith('asset.')) continue;
    const files: string[] = await readdir(join(outdir, entry)).catch(() => []);
    if (!files.includes('index.js.map')) continue;
    const map = JSON.parse(await readFile(join(outdir, entry, 'index.js.map'), 'utf8')) as {
      sources: string[];
    };
    const handler = HANDLERS.find((name) =>
      map.sources.some((source) => source.endsWith(`lambdas/handlers/${name}.ts`)),
    );
    if (!handler) continue;
    const { size } = await stat(join(outdir, entry, 'index.js'));
    out(
      `  ${handler.padEnd(11)} ${(size / 1024).toFixed(0).padStart(5)} KB  (target < ${MAX_BUNDLE_BYTES / 1_000_000} MB: ${size < MAX_BUNDLE_BYTES ? 'met' : 'NOT met'})`,
    );
  }
};
