// Builds the CLI ahead of time (`npm run build`, run by `npm install` through `prepare`): one minified ES module
// for what `validate` needs, with the local platform, the emulators and the benchmark runner split into chunks that
// load only when their command runs. Packages that start servers or carry native code stay in node_modules.
import { readFileSync, rmSync } from 'node:fs';
import { build } from 'esbuild';

// The CLI runs on the Node.js of whoever installed it, not on the Lambda runtime's: the oldest package.json allows.
const { engines } = JSON.parse(readFileSync(new URL('../../package.json', import.meta.url), 'utf8'));
const target = `node${/\d+/.exec(engines.node)[0]}`;

// Chunk names carry content hashes: start clean so that old chunks do not pile up.
rmSync('dist/cli', { recursive: true, force: true });

await build({
  entryPoints: ['tools/cli/main.ts'],
  outdir: 'dist/cli',
  bundle: true,
  splitting: true,
  minify: true,
  sourcemap: true,
  format: 'esm',
  platform: 'node',
  target,
  external: ['fauxqs', 'aws-ses-v2-local', '@aws-sdk/*', 'ssh2', 'esbuild'],
  // CommonJS packages bundled into an ES module still call require() for Node's built-ins.
  banner: {
    js: "import { createRequire as __createRequire } from 'node:module'; const require = __createRequire(import.meta.url);",
  },
  logLevel: 'warning',
});
