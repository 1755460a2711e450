import { mkdir, mkdtemp, rm } from 'node:fs/promises';
import { join } from 'node:path';
import { build, type Metafile } from 'esbuild';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { esbuildOptionsOf, HANDLERS, type HandlerName } from '../../lib/platform/bundling.js';

/**
 * The bundle guard: each handler is built with the CDK app's esbuild settings, and its metafile must not take in
 * what the function never runs (a cold start pays for every module a bundle carries).
 */
const MODULES = {
  fastCsv: /^node_modules\/@fast-csv\//,
  rowSchemas: /^lambdas\/core\/validating\//,
  geography: /^node_modules\/(iso-3166|i18n-iso-countries|postcode-validator)\//,
  reportRendering: /^(lambdas\/core\/reporting\/render|node_modules\/nodemailer\/)/,
  joorClient: /^lambdas\/adapters\/joor\//,
};

const FORBIDDEN: Record<HandlerName, (keyof typeof MODULES)[]> = {
  splitter: ['joorClient', 'reportRendering'],
  consumer: ['fastCsv', 'rowSchemas', 'geography', 'reportRendering'],
  jobWatcher: ['fastCsv', 'rowSchemas', 'geography', 'reportRendering'],
  jobsDeadLetter: ['fastCsv', 'rowSchemas', 'geography', 'reportRendering', 'joorClient'],
  deadLetter: ['fastCsv', 'rowSchemas', 'geography', 'reportRendering', 'joorClient'],
  finalizer: ['fastCsv', 'joorClient'],
  inboxDeadLetter: ['fastCsv', 'rowSchemas', 'geography', 'reportRendering', 'joorClient'],
  finalizeDeadLetter: ['fastCsv', 'joorClient'],
  uploadCopy: ['fastCsv', 'rowSchemas', 'geography', 'reportRendering', 'joorClient'],
};

/** Most bytes each minified bundle may have (the targets). */
// Powertools Tracer brings the X-Ray SDK (about 90 KB minified) into every function (#12).
const MAX_BYTES: Record<HandlerName, number> = {
  // 540 KB until #27 read the four countries' subdivisions from its own table instead of iso-3166's whole world.
  splitter: 360 * 1024,
  // 220 KB until #32 and #35 made the consumer and the job watcher read every job's answer (jobVerdict), bound
  // answers that are not JOOR's, and hold a config loaded from the bucket to JOOR's hosts and a linear-time name pattern.
  consumer: 232 * 1024,
  jobWatcher: 232 * 1024,
  jobsDeadLetter: 220 * 1024,
  deadLetter: 220 * 1024,
  // 370 KB until the concurrency fixes of #26 (the waiting list, settled outcomes) and the abandoned run's rendered
  // report (#25) added about 3 KB; the report's section model replaced as much of its two renderers. 380 KB until the
  // SES client's adaptive retry strategy (#34): about 16 KB of @smithy/core/retry, bundled because the AWS SDK itself
  // is left to the Lambda runtime while its @smithy parts are not.
  // 400 KB until the tenant's coordination record and its interpreter (#32) came in.
  finalizer: 410 * 1024,
  inboxDeadLetter: 220 * 1024,
  finalizeDeadLetter: 400 * 1024,
  uploadCopy: 220 * 1024,
};

let outdir: string;
const metafiles = new Map<HandlerName, Metafile>();

beforeAll(async () => {
  await mkdir(join(process.cwd(), 'test-output'), { recursive: true });
  outdir = await mkdtemp(join(process.cwd(), 'test-output', 'bundles-'));
  for (const handler of HANDLERS) {
    const result = await build(esbuildOptionsOf(handler, join(outdir, `${handler}.js`)));
    metafiles.set(handler, result.metafile!);
  }
}, 60_000);
afterAll(() => rm(outdir, { recursive: true, force: true }));

const bundleOf = (handler: HandlerName) =>
  Object.entries(metafiles.get(handler)!.outputs).find(([path]) => path.endsWith('.js'))![1];
/** Modules with code in the bundle (esbuild lists every module it read, tree-shaken ones with 0 bytes). */
const inputsOf = (handler: HandlerName): string[] =>
  Object.entries(bundleOf(handler).inputs)
    .filter(([, input]) => input.bytesInOutput > 0)
    .map(([path]) => path);
const bytesOf = (handler: HandlerName): number => bundleOf(handler).bytes;

describe('Lambda bundles', () => {
  it.each(HANDLERS)('%s takes in nothing from outside lambdas/ but packages', (handler) => {
    const outside = inputsOf(handler).filter(
      (path) => !path.startsWith('lambdas/') && !path.startsWith('node_modules/'),
    );
    expect(outside).toEqual([]);
  });

  it.each(HANDLERS)('%s carries none of the modules it never runs', (handler) => {
    const inputs = inputsOf(handler);
    for (const name of FORBIDDEN[handler]) {
      expect(
        inputs.filter((path) => MODULES[name].test(path)),
        `${handler} takes in ${name}`,
      ).toEqual([]);
    }
  });

  it('the splitter does carry the validator and the finalizer the report (the patterns match real paths)', () => {
    expect(inputsOf('splitter').some((path) => MODULES.fastCsv.test(path))).toBe(true);
    expect(inputsOf('splitter').some((path) => MODULES.rowSchemas.test(path))).toBe(true);
    expect(inputsOf('finalizer').some((path) => MODULES.reportRendering.test(path))).toBe(true);
    expect(inputsOf('consumer').some((path) => MODULES.joorClient.test(path))).toBe(true);
  });

  it.each(HANDLERS)('%s stays within its size target', (handler) => {
    expect(bytesOf(handler)).toBeLessThanOrEqual(MAX_BYTES[handler]);
  });
});
