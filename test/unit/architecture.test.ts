import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

/**
 * The dependency rule of lambdas/ (README, "How the code is laid out"): handlers → pipeline → core ← adapters,
 * nothing under lambdas/ imports from outside it, and a folder with an index.ts is entered only through it.
 */
const ROOT = fileURLToPath(new URL('../../', import.meta.url));
const LAMBDAS = join(ROOT, 'lambdas');

const sourceFiles = (dir: string): string[] =>
  readdirSync(dir, { withFileTypes: true }).flatMap((entry) =>
    entry.isDirectory()
      ? sourceFiles(join(dir, entry.name))
      : entry.name.endsWith('.ts')
        ? [join(dir, entry.name)]
        : [],
  );

interface Import {
  from: string;
  to: string;
}

const IMPORT = /(?:from\s+|import\s*\(\s*|import\s+)['"](\.{1,2}\/[^'"]+)['"]/g;

const imports: Import[] = sourceFiles(LAMBDAS).flatMap((file) =>
  [...readFileSync(file, 'utf8').matchAll(IMPORT)].map((match) => ({
    from: relative(ROOT, file),
    to: relative(ROOT, resolve(dirname(file), match[1]!.replace(/\.js$/, '.ts'))),
  })),
);

/** The layer of a path under lambdas/: core, adapters, pipeline or handlers. */
const layerOf = (path: string): string | undefined => /^lambdas\/([^/]+)\//.exec(path)?.[1];

/** Which layers each layer may import (its own included). */
const ALLOWED: Record<string, string[]> = {
  core: ['core'],
  adapters: ['adapters', 'core'],
  pipeline: ['pipeline', 'core'],
  handlers: ['handlers', 'pipeline', 'adapters', 'core'],
};

const show = (list: Import[]) => list.map((i) => `${i.from} → ${i.to}`);

describe('the dependency rule', () => {
  it('reads imports (the scan is not empty)', () => {
    expect(imports.length).toBeGreaterThan(100);
  });

  it('nothing under lambdas/ imports from outside it', () => {
    expect(show(imports.filter((i) => !i.to.startsWith('lambdas/')))).toEqual([]);
  });

  it('handlers → pipeline → core ← adapters', () => {
    const wrong = imports.filter((i) => !ALLOWED[layerOf(i.from)!]?.includes(layerOf(i.to)!));
    expect(show(wrong)).toEqual([]);
  });

  it('a folder with an index.ts is entered only through it', () => {
    const faces = new Set(
      sourceFiles(LAMBDAS)
        .filter((file) => file.endsWith('/index.ts'))
        .map((file) => relative(ROOT, dirname(file))),
    );
    const pastTheFace = imports.filter((i) => {
      const folder = dirname(i.to);
      return faces.has(folder) && !i.to.endsWith('/index.ts') && !i.from.startsWith(`${folder}/`);
    });
    expect(show(pastTheFace)).toEqual([]);
  });

  it('ports are declared in core/ports only', () => {
    const declared = sourceFiles(LAMBDAS).filter(
      (file) =>
        !file.includes('/core/ports/') &&
        /export (interface|type) (ObjectStore|MessageSender|Mailer|JoorClient)\b/.test(
          readFileSync(file, 'utf8'),
        ),
    );
    expect(declared.map((file) => relative(ROOT, file))).toEqual([]);
  });
});
