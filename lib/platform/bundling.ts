import { fileURLToPath } from 'node:url';
import { Runtime } from 'aws-cdk-lib/aws-lambda';
import { OutputFormat } from 'aws-cdk-lib/aws-lambda-nodejs';

/** The project's root: where esbuild runs and the lock file lies. */
export const PROJECT_ROOT = fileURLToPath(new URL('../../', import.meta.url));

/** The functions, by the file of their handler under `lambdas/handlers/`. */
export const HANDLERS = [
  'splitter',
  'consumer',
  'jobWatcher',
  'jobsDeadLetter',
  'finalizer',
  'deadLetter',
  'inboxDeadLetter',
  'finalizeDeadLetter',
  'uploadCopy',
] as const;
export type HandlerName = (typeof HANDLERS)[number];

export const handlerEntry = (handler: HandlerName): string => `${PROJECT_ROOT}lambdas/handlers/${handler}.ts`;

/**
 * The Node.js the functions run on, named here once: the functions' runtime, the bundles' esbuild target, the
 * benchmarks (on the `node` devDependency of the same major, which runs the npm scripts) and the README follow it;
 * test/infra/lambdaRuntime.test.ts holds them to it.
 */
export const LAMBDA_RUNTIME = Runtime.NODEJS_22_X;
/** Its major version, from the runtime's name (`nodejs22.x`). */
export const LAMBDA_NODE_MAJOR = Number(/^nodejs(\d+)\.x$/.exec(LAMBDA_RUNTIME.name)![1]);

/** The AWS SDK v3 is part of the Node.js Lambda runtime, so bundles leave it out. */
export const RUNTIME_PROVIDED = ['@aws-sdk/*'];

/** How every function is bundled by `NodejsFunction` (esbuild): the bundle guard and benchmark build the same. */
export const LAMBDA_BUNDLING = {
  minify: true,
  sourceMap: true,
  target: `node${LAMBDA_NODE_MAJOR}`,
  format: OutputFormat.CJS,
  externalModules: RUNTIME_PROVIDED,
};

/** The esbuild options `NodejsFunction` derives from `LAMBDA_BUNDLING`, for building a handler outside `cdk synth`. */
export const esbuildOptionsOf = (handler: HandlerName, outfile: string) => ({
  entryPoints: [handlerEntry(handler)],
  outfile,
  bundle: true,
  platform: 'node' as const,
  target: LAMBDA_BUNDLING.target,
  format: 'cjs' as const,
  minify: LAMBDA_BUNDLING.minify,
  sourcemap: LAMBDA_BUNDLING.sourceMap,
  external: LAMBDA_BUNDLING.externalModules,
  absWorkingDir: PROJECT_ROOT,
  metafile: true,
  logLevel: 'error' as const,
});
