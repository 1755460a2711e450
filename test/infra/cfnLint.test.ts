import { spawnSync } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { App } from 'aws-cdk-lib';
import { describe, expect, it } from 'vitest';
import { buildApp } from '../../bin/app.js';

/**
 * Warnings cfn-lint still prints on the synthesized templates, each acknowledged with why it stays. Anything else
 * it finds (every error, any other warning) fails the test.
 */
const ACKNOWLEDGED: Record<string, string> = {
  W3005:
    'CDK adds a DependsOn from a function to its role’s default policy, which a GetAtt of the role already implies: CDK’s own output, harmless.',
};

interface Match {
  Rule: { Id: string };
  Level: 'Error' | 'Warning' | 'Informational';
  Message: string;
  Filename: string;
}

const SAMPLE = fileURLToPath(new URL('../../tenants/maison-sample.json', import.meta.url));

describe('cfn-lint on every synthesized template', () => {
  it('finds no error and no warning that is not acknowledged, with three tenants and the sample', {
    timeout: 120_000,
  }, () => {
    const tenants = mkdtempSync(join(tmpdir(), 'tenants-'));
    const sample = JSON.parse(readFileSync(SAMPLE, 'utf8'));
    for (const id of ['brand-a', 'brand-b', 'brand-c', 'maison-sample'])
      writeFileSync(
        join(tenants, `${id}.json`),
        JSON.stringify({
          ...sample,
          tenantId: id,
          joor: { ...sample.joor, secretName: `customer-sync/${id}/joor` },
          // A sender serves one tenant (#35).
          report: { ...sample.report, sender: `reports@${id}.example` },
        }),
      );
    const outdir = mkdtempSync(join(tmpdir(), 'cdk-lint-'));
    buildApp(
      new App({ context: { 'aws:cdk:bundling-stacks': [], includeSamples: 'true' }, outdir }),
      tenants,
    ).synth();
    const templates = readdirSync(outdir)
      .filter((name) => name.endsWith('.template.json'))
      .map((name) => join(outdir, name));
    expect(templates).toHaveLength(6);
    const lint = spawnSync('cfn-lint', ['--format', 'json', ...templates], { encoding: 'utf8' });
    if (lint.error)
      throw new Error(
        `cfn-lint could not be run (${lint.error.message}): install it with pip install cfn-lint`,
      );
    const matches = JSON.parse(lint.stdout || '[]') as Match[];
    const show = (list: Match[]) =>
      list.map((m) => `${m.Rule.Id} ${m.Filename.split('/').at(-1)}: ${m.Message}`);
    expect(show(matches.filter((m) => m.Level === 'Error'))).toEqual([]);
    expect(show(matches.filter((m) => !(m.Rule.Id in ACKNOWLEDGED) && m.Level !== 'Error'))).toEqual([]);
  });
});
