import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { CustomerSyncError } from '../../lambdas/core/index.js';
import { ReadError } from '../../lambdas/core/reading/index.js';
import { UsageError } from '../../tools/cli/UsageError.js';

const ROOT = fileURLToPath(new URL('../../', import.meta.url));
/** A private signal that ends a stream pipeline early and never leaves readRecords: not an error of the project. */
const NOT_ERRORS = ['lambdas/core/reading/readRecords.ts: StopReading'];

const sourcesUnder = (dir: string): string[] =>
  readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name);
    return entry.isDirectory() ? sourcesUnder(path) : entry.name.endsWith('.ts') ? [path] : [];
  });

describe('the error base', () => {
  it('is the base of every error class of what ships and of the tools', () => {
    const direct = ['lambdas', 'tools'].flatMap((folder) =>
      sourcesUnder(join(ROOT, folder)).flatMap((path) =>
        [...readFileSync(path, 'utf8').matchAll(/class (\w+) extends Error\b/g)].map(
          (match) => `${relative(ROOT, path)}: ${match[1]}`,
        ),
      ),
    );
    expect(direct.sort()).toEqual(
      [...NOT_ERRORS, 'lambdas/core/CustomerSyncError.ts: CustomerSyncError'].sort(),
    );
  });

  it('gives each error its name and its family code, and passes a cause on', () => {
    const cause = new Error('the stream ended');
    const error = new UsageError('Unknown command "x"', { cause });
    expect(error).toBeInstanceOf(CustomerSyncError);
    expect(error).toMatchObject({ name: 'UsageError', code: 'operator_input', cause });
    expect(new ReadError('binary', 'NUL bytes', 4, 'utf-8')).toMatchObject({
      name: 'ReadError',
      code: 'unreadable_file',
      kind: 'binary',
    });
  });
});
