import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { App, type Stack } from 'aws-cdk-lib';
import { Annotations, Match, Template } from 'aws-cdk-lib/assertions';
import { describe, expect, it } from 'vitest';
import { buildApp } from '../../bin/app.js';

const ROOT = fileURLToPath(new URL('../../', import.meta.url));
const SAMPLE = JSON.parse(readFileSync(join(ROOT, 'tenants/maison-sample.json'), 'utf8'));

const newApp = (context: Record<string, string> = {}) =>
  new App({
    context: { 'aws:cdk:bundling-stacks': [], ...context },
    outdir: mkdtempSync(join(tmpdir(), 'cdk-')),
  });

/** A tenants/ folder: a deployable tenant, one that does not pass the schema, and one `init` has just written. */
const tenantsWith = (more: Record<string, string> = {}): string => {
  const dir = mkdtempSync(join(tmpdir(), 'tenants-'));
  const files: Record<string, string> = {
    'acme.json': JSON.stringify({
      ...SAMPLE,
      tenantId: 'acme',
      joor: { ...SAMPLE.joor, secretName: 'customer-sync/acme/joor' },
      report: { ...SAMPLE.report, sender: 'sync@acme.example' },
    }),
    'broken.json': JSON.stringify({ ...SAMPLE, tenantId: 'broken', delimiter: '#' }),
    'fresh.json': JSON.stringify({ tenantId: 'fresh', delimiter: ';' }),
    ...more,
  };
  for (const [name, text] of Object.entries(files)) writeFileSync(join(dir, name), text);
  return dir;
};

const stacksOf = (app: App) => app.node.children.map((child) => child.node.id);

describe('tenant files and the CDK app (issue #33)', () => {
  it('leaves out only the stacks of unfinished or invalid files, naming each file and field', () => {
    const problems: string[] = [];
    const app = buildApp(newApp(), tenantsWith(), undefined, (problem) => problems.push(problem));
    expect(stacksOf(app)).toEqual(['CustomerSyncPlatform', 'CustomerSyncTenant-acme', 'CustomerSyncSenders']);
    expect(problems).toEqual([
      expect.stringMatching(/^Invalid tenants\/broken\.json:\n {2}- delimiter: must be one of/),
      expect.stringMatching(
        /^Invalid tenants\/fresh\.json:\n {2}- joor\.accountId: is required to deploy[\s\S]*- report\.sender: is required to deploy[\s\S]*- sftp\.sshPublicKeys: list at least one SSH public key/,
      ),
    ]);
    expect(problems[0]).toContain(
      '(the stack of tenants/broken.json is left out until it is mended; the others are built)',
    );
    // The invalid file's sender stays: deploying the senders stack must not delete its identity.
    const senders = Template.fromStack(app.node.findChild('CustomerSyncSenders') as Stack);
    const identities = Object.values(senders.findResources('AWS::SES::EmailIdentity')).map(
      (r) => (r as { Properties: { EmailIdentity: string } }).Properties.EmailIdentity,
    );
    expect(identities.sort()).toEqual(['customer-sync@maison-sample.example', 'sync@acme.example']);
  });

  it('fails the synth with the message when the bad file is the tenant named with -c tenant', () => {
    expect(() => buildApp(newApp({ tenant: 'broken' }), tenantsWith(), undefined, () => {})).toThrow(
      /^Invalid tenants\/broken\.json:\n {2}- delimiter: must be one of/,
    );
    // Naming a good tenant builds it, whatever the other files hold.
    const app = buildApp(newApp({ tenant: 'acme' }), tenantsWith(), undefined, () => {});
    expect(stacksOf(app)).toContain('CustomerSyncTenant-acme');
  });

  it('blocks the senders stack, with an error on it, while a file is not JSON (its sender cannot be told)', () => {
    const problems: string[] = [];
    const app = buildApp(newApp(), tenantsWith({ 'half.json': '{ "tenantId": "half", ' }), undefined, (p) =>
      problems.push(p),
    );
    expect(problems).toContainEqual(expect.stringMatching(/^Invalid tenants\/half\.json: not JSON/));
    Annotations.fromStack(app.node.findChild('CustomerSyncSenders') as Stack).hasError(
      '*',
      Match.stringLikeRegexp('tenants/half.json is not JSON, so the sender it names is unknown'),
    );
    expect(stacksOf(app)).toContain('CustomerSyncTenant-acme');
  });

  it('cdk synth says what is wrong in a message, not a stack trace', () => {
    const synth = spawnSync('npx', ['tsx', 'bin/app.ts'], {
      cwd: ROOT,
      encoding: 'utf8',
      env: {
        ...process.env,
        CDK_CONTEXT_JSON: JSON.stringify({ tenant: 'nosuch', 'aws:cdk:bundling-stacks': [] }),
        CDK_OUTDIR: mkdtempSync(join(tmpdir(), 'cdk-')),
      },
    });
    expect(synth.status).toBe(1);
    expect(synth.stderr.trim()).toBe('No tenants/nosuch.json');
  }, 60_000);
});
