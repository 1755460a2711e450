import type { KnipConfig } from 'knip';
import { HANDLERS } from './lib/platform/bundling.js';

/**
 * Knip (in `npm run check`): files, exports, dependencies and binaries nothing uses. The entry points are those of
 * the project's runtimes; the vitest plugin adds the tests and their setup files, the npm scripts the build, the
 * gallery and the benchmarks.
 */
const config: KnipConfig = {
  entry: [
    // The CDK app (cdk.json) and the CLI's launcher (package.json's bin) are found by knip's own rules.
    'bin/app.ts',
    // Each function's handler, bundled by NodejsFunction from lib/platform/bundling.ts's list.
    ...HANDLERS.map((handler) => `lambdas/handlers/${handler}.ts`),
    // What tools/cli/build.mjs bundles into dist/cli/.
    'tools/cli/main.ts',
    // Bundled by bench/validateBenchmark.ts from its path, and run in a process of its own.
    'bench/measure.ts',
  ],
  project: [
    'bin/**/*.{ts,js}',
    'lib/**/*.ts',
    'lambdas/**/*.ts',
    'tools/**/*.{ts,mjs}',
    'bench/**/*.ts',
    'test/**/*.ts',
  ],
  // An export its own file uses is a named constant or step of that module, not dead code: what no file uses is.
  ignoreExportsUsedInFile: true,
  ignoreDependencies: [
    // The CDK's command line: `npx cdk synth` and `npx cdk deploy` (docs/deploy.md) run cdk.json's app; nothing imports it.
    'aws-cdk',
    // Its files are read from disk (require.resolve in test/unit/reading/readRecords.test.ts), not imported.
    'csv-spectrum',
  ],
  // Python's cfn-lint, on the machine image (TOOLING.md); test/infra/cfnLint.test.ts runs it on the templates.
  ignoreBinaries: ['cfn-lint'],
};

export default config;
