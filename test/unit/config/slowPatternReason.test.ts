import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseTenantConfig } from '../../../lambdas/core/config/index.js';
import { slowPatternReason } from '../../../lambdas/core/config/slowPatternReason.js';
import { DEFAULT_FILE_NAME_PATTERN } from '../../../lambdas/core/config/tenantConfig.js';

/** Every `fileNamePattern` a JSON file under these folders gives (samples, tenants, test fixtures). */
const patternsUnder = (folders: string[]): { file: string; pattern: string }[] => {
  const found: { file: string; pattern: string }[] = [];
  const walk = (path: string): void => {
    if (statSync(path).isDirectory()) {
      for (const entry of readdirSync(path)) walk(join(path, entry));
      return;
    }
    if (!path.endsWith('.json')) return;
    const text = readFileSync(path, 'utf8');
    for (const match of text.matchAll(/"fileNamePattern"\s*:\s*("(?:[^"\\]|\\.)*")/g))
      found.push({ file: path, pattern: JSON.parse(match[1]!) as string });
  };
  for (const folder of folders) walk(folder);
  return found;
};

const problemsOf = (fileNamePattern: string): string[] => {
  try {
    parseTenantConfig({ tenantId: 'acme', fileNamePattern });
    return [];
  } catch (error) {
    return (error as { problems: string[] }).problems;
  }
};

describe('fileNamePattern runs in linear time', () => {
  it('refuses a repeated group holding a quantifier, naming the field (issue #35: 775 ms for 41 characters)', () => {
    const problems = problemsOf('^customer_(\\w+)+\\.psv$');
    expect(problems).toEqual([
      expect.stringMatching(
        /^fileNamePattern: must run in linear time: a repeated group holds a quantifier or an alternation: "\(\\w\+\)\+"$/,
      ),
    ]);
  });

  it.each([
    ['^customer_(\\w+)*\\.psv$', 'a quantifier'],
    ['^customer_(?:\\d{2})+\\.psv$', 'a quantifier'],
    ['^customer_(a|ab)*\\.psv$', 'an alternation'],
    ['^(?<stamp>\\d+){2,}$', 'a quantifier'],
    ['^((x)?y)+$', 'a quantifier'],
  ])('refuses %s (a repeated group holding %s)', (pattern) => {
    expect(slowPatternReason(pattern)).toMatch(/^a repeated group holds a quantifier or an alternation: "\(/);
  });

  it.each([
    ['^(\\w)\\1\\.csv$', 'back-reference'],
    ['^(?<a>\\w)\\k<a>\\.csv$', 'back-reference'],
    ['^customer(?=_)\\w+\\.csv$', 'lookaround'],
    ['^customer(?!x)\\w+\\.csv$', 'lookaround'],
    ['^\\w+(?<=_2026)\\.csv$', 'lookaround'],
    ['^\\w+(?<!x)\\.csv$', 'lookaround'],
  ])('refuses %s (a %s)', (pattern) => {
    expect(slowPatternReason(pattern)).toBe('back-references and lookarounds are not taken');
  });

  it.each([
    DEFAULT_FILE_NAME_PATTERN,
    '^DEBMAS_\\d+_\\d+\\.csv$',
    '^tokuisaki_master_utf8_\\d{8}\\.csv$',
    '^customer_(?:\\d{8})?\\.(csv|txt)$',
    '^(?:kunden|clients)_\\d{8}(?:_\\d{4,6})?\\.csv$',
    '^c\\}"{x',
    '^a[(|+]*\\.csv$',
    '^x{1}(ab){1}$',
    '^(ab)+\\.csv$',
  ])('accepts %s', (pattern) => {
    expect(slowPatternReason(pattern)).toBeUndefined();
    expect(problemsOf(pattern)).toEqual([]);
  });

  it('accepts every pattern in samples/, tenants/ and the test fixtures', () => {
    const found = patternsUnder(['samples', 'tenants', 'test/fixtures']);
    expect(found.length).toBeGreaterThan(0);
    for (const { file, pattern } of found)
      expect({ file, reason: slowPatternReason(pattern) }).toEqual({ file });
  });
});
