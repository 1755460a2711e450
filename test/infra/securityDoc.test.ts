import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const ROOT = fileURLToPath(new URL('../../', import.meta.url));
const read = (path: string) => readFileSync(`${ROOT}${path}`, 'utf8');
const DOC = read('docs/security.md');

/** Every `test/<file>::<test name>` the document names. */
const REFERENCE = /`(test\/[^`:]+\.test\.ts)::([^`]+)`/g;
const referencesIn = (text: string) =>
  [...text.matchAll(REFERENCE)].map(([, file, name]) => ({ file: file!, name: name! }));

/** The section under `## heading`, up to the next. */
const sectionOf = (heading: string) => {
  const start = DOC.indexOf(`\n## ${heading}\n`);
  expect(start, heading).toBeGreaterThan(-1);
  const end = DOC.indexOf('\n## ', start + 1);
  return DOC.slice(start, end === -1 ? undefined : end);
};
/** The rows of the tables in a section, headers included (the separators left out). */
const tableRows = (section: string) =>
  section
    .split('\n')
    .filter((line) => line.startsWith('|'))
    .filter((line) => !/^\|[\s-|]+\|$/.test(line));

/** A test's title as a string literal in its file: quoted any way, a title never split. */
const hasTest = (file: string, name: string) => {
  const text = read(file);
  return ["'", '"', '`'].some((quote) => text.includes(`${quote}${name}${quote}`));
};

describe('docs/security.md held to the code (#35)', () => {
  it('names for every claim a test that exists, in a file that exists', () => {
    const references = referencesIn(DOC);
    expect(references.length).toBeGreaterThan(20);
    const missing = references.filter(
      ({ file, name }) => !existsSync(`${ROOT}${file}`) || !hasTest(file, name),
    );
    expect(missing.map(({ file, name }) => `${file}::${name}`)).toEqual([]);
  });

  it('names a test in every row of the threat model and of the retention table, and in every paragraph of the data-protection section', () => {
    const threats = tableRows(sectionOf('Threat model')).slice(1);
    expect(threats.length).toBeGreaterThanOrEqual(10);
    const dataProtection = sectionOf(
      'Data protection: for the brand’s records of processing'.replace('’', "'"),
    );
    const retention = tableRows(dataProtection).slice(1);
    expect(retention.map((row) => row.split('|')[1]!.trim())).toEqual(
      expect.arrayContaining([
        expect.stringMatching(/^X-Ray traces/),
        expect.stringMatching(/^the SFTP server's logs/),
        expect.stringMatching(/^the synced state/),
      ]),
    );
    const paragraphs = dataProtection.split(/\n\s*\n/).filter((paragraph) => paragraph.startsWith('**'));
    expect(paragraphs.length).toBeGreaterThanOrEqual(5);
    const unproven = [...threats, ...retention, ...paragraphs].filter(
      (claim) => referencesIn(claim).length === 0,
    );
    expect(unproven).toEqual([]);
  });

  it('fails when a named test is gone', () => {
    const gone = '`test/infra/dataProtection.test.ts::a test nobody wrote`';
    const [reference] = referencesIn(gone);
    expect(hasTest(reference!.file, reference!.name)).toBe(false);
  });

  it('the deploy guide stores secrets from a file, never on the command line', () => {
    const commands = read('docs/deploy.md').match(/--secret-string \S+/g) ?? [];
    expect(commands.length).toBeGreaterThan(0);
    expect(commands.filter((command) => !command.startsWith('--secret-string file://'))).toEqual([]);
  });

  it('runs npm audit in CI where its endpoint answers, and fails on high findings only', () => {
    expect(read('.ci/run')).toContain('npm audit --omit=dev --json');
    const verdict = (report: unknown) =>
      spawnSync(process.execPath, [`${ROOT}.ci/audit.mjs`], {
        input: JSON.stringify(report),
        encoding: 'utf8',
      });
    const advisory = (severity: string) => ({
      auditReportVersion: 2,
      vulnerabilities: { pkg: { name: 'pkg', severity, range: '<1.2.3' } },
      metadata: {
        vulnerabilities: { info: 0, low: 0, moderate: 0, high: 0, critical: 0, [severity]: 1, total: 1 },
      },
    });
    const unreachable = verdict({
      message: '405 Method Not Allowed - POST …/advisories/bulk',
      statusCode: 405,
    });
    expect(unreachable.status).toBe(0);
    expect(unreachable.stdout).toContain(
      'npm audit: skipped, the audit endpoint did not answer (405 Method Not Allowed',
    );
    expect(verdict(advisory('high')).status).toBe(1);
    expect(verdict(advisory('critical')).status).toBe(1);
    const moderate = verdict(advisory('moderate'));
    expect(moderate.status).toBe(0);
    expect(moderate.stdout).toContain('1 moderate');
    expect(
      verdict({ auditReportVersion: 2, vulnerabilities: {}, metadata: { vulnerabilities: { total: 0 } } })
        .stdout,
    ).toContain('no advisories');
  });
});
