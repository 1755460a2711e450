#!/usr/bin/env node
// The CLI runs JavaScript that `npm install` built ahead of time (the `prepare` script, esbuild): no TypeScript
// loader at start. The same sources serve the CLI, the tests and the Lambda bundles.
import { existsSync } from 'node:fs';
import module from 'node:module';

const main = new URL('../dist/cli/main.js', import.meta.url);
if (!existsSync(main)) {
  process.stderr.write(
    'customer-sync: the CLI is not built yet: run `npm run build` (npm install runs it)\n',
  );
  process.exit(2);
}
// Node 22 keeps V8's compiled code of the CLI on disk between runs (a no-op on Node 20).
module.enableCompileCache?.();
await import(main.href);
