import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { esbuildOptionsOf, LAMBDA_NODE_MAJOR, LAMBDA_RUNTIME } from '../../lib/platform/bundling.js';

/**
 * The Node.js of the Lambda runtime is named once (LAMBDA_RUNTIME, lib/platform/bundling.ts): the functions run on
 * it (test/infra/app.test.ts), and here the bundles, the benchmarks' Node and the README agree with it.
 */
const ROOT = fileURLToPath(new URL('../../', import.meta.url));
const packageJson = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as {
  engines: { node: string };
  devDependencies: Record<string, string>;
};
const majorOf = (range: string): number => Number(/\d+/.exec(range)![0]);

const sourcesUnder = (dir: string): string[] =>
  readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) return sourcesUnder(path);
    return /\.(ts|mjs|js)$/.test(entry.name) ? [path] : [];
  });

describe('the Lambda runtime’s Node.js, named once', () => {
  it('is a Node.js runtime of 22 or newer (SPEC §5)', () => {
    expect(LAMBDA_RUNTIME.name).toBe(`nodejs${LAMBDA_NODE_MAJOR}.x`);
    expect(LAMBDA_NODE_MAJOR).toBeGreaterThanOrEqual(22);
  });

  it('is what the bundles target', () => {
    expect(esbuildOptionsOf('consumer', 'out.js').target).toBe(`node${LAMBDA_NODE_MAJOR}`);
  });

  it('is the major version of the node devDependency, which runs the npm scripts and the benchmarks', () => {
    expect(majorOf(packageJson.devDependencies.node!)).toBe(LAMBDA_NODE_MAJOR);
  });

  it('is the only Node.js version the code names for Lambda: no other runtime or esbuild target is written out', () => {
    const named = ['lib', 'bench', 'tools', 'lambdas', 'bin']
      .flatMap((folder) => sourcesUnder(join(ROOT, folder)))
      .filter((path) => !path.endsWith(join('lib', 'platform', 'bundling.ts')))
      .flatMap((path) =>
        [...readFileSync(path, 'utf8').matchAll(/NODEJS_\d+_X|nodejs\d+\.x|['"`]node\d+['"`]/g)].map(
          (match) => `${relative(ROOT, path)}: ${match[0]}`,
        ),
      );
    expect(named).toEqual([]);
  });

  it('is the version the README gives the Lambdas and the benchmarks; “N+” is the Node the CLI needs (engines)', () => {
    const readme = readFileSync(join(ROOT, 'README.md'), 'utf8');
    const mentions = [...readme.matchAll(/Node(?:\.js)? (\d+)(\+?)/g)];
    const lambda = mentions.filter(([, , plus]) => plus === '').map(([, major]) => Number(major));
    const cli = mentions.filter(([, , plus]) => plus === '+').map(([, major]) => Number(major));
    expect(lambda.length).toBeGreaterThan(0);
    expect(new Set(lambda)).toEqual(new Set([LAMBDA_NODE_MAJOR]));
    expect(new Set(cli)).toEqual(new Set([majorOf(packageJson.engines.node)]));
  });
});
