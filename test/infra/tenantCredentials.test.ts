import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { App, type Stack } from 'aws-cdk-lib';
import { Template } from 'aws-cdk-lib/assertions';
import { beforeAll, describe, expect, it } from 'vitest';
import { buildApp } from '../../bin/app.js';
import { parseDeployableTenant } from '../../lib/tenant/deployableTenant.js';

/*
 * JOOR credentials in SSM Parameter Store (#34, docs/deploy.md "JOOR credentials"): a tenant's SecureString
 * parameter is read as its secret is, through the tenant-secrets role's session tagged with the tenant, and only
 * under that tenant's own prefix.
 */
const SAMPLE = JSON.parse(
  readFileSync(fileURLToPath(new URL('../../tenants/maison-sample.json', import.meta.url)), 'utf8'),
);
const deployable = (joor: Record<string, unknown>) =>
  parseDeployableTenant(
    { ...SAMPLE, joor: { ...SAMPLE.joor, secretName: undefined, ...joor } },
    'tenant.json',
  );

let platform: Template;
beforeAll(() => {
  const app = buildApp(
    new App({
      context: { 'aws:cdk:bundling-stacks': [], includeSamples: 'true' },
      outdir: mkdtempSync(join(tmpdir(), 'cdk-')),
    }),
  );
  platform = Template.fromStack(app.node.findChild('CustomerSyncPlatform') as Stack);
}, 120_000);

describe('a tenant’s JOOR credentials in an SSM parameter', () => {
  it('are readable by the tenant-secrets role for the tenant its session is tagged with, and no other', () => {
    const policies = Object.entries(platform.findResources('AWS::IAM::Policy'));
    const [, role] = policies.find(([key]) => key.startsWith('FunctionsTenantSecretsRole'))!;
    const statements = (
      role.Properties.PolicyDocument.Statement as { Action: unknown; Resource: unknown }[]
    ).filter((statement) => statement.Action === 'ssm:GetParameter');
    expect(statements).toHaveLength(1);
    expect(JSON.stringify(statements[0]!.Resource)).toContain(
      // biome-ignore lint/suspicious/noTemplateCurlyInString: IAM's policy variable, as the policy spells it.
      ':parameter/customer-sync/tenants/${aws:PrincipalTag/tenant}/*',
    );
    // Nothing else reads parameters: the consumer itself only assumes the role.
    const others = policies.filter(([key]) => !key.startsWith('FunctionsTenantSecretsRole'));
    for (const [key, policy] of others)
      expect(JSON.stringify(policy.Properties.PolicyDocument), key).not.toContain('ssm:GetParameter"');
  });

  it('deploy with a parameter under the tenant’s own prefix instead of a secret', () => {
    const tenant = deployable({ credentialsParameter: `/customer-sync/tenants/${SAMPLE.tenantId}/joor` });
    expect(tenant.joor.credentialsParameter).toBe(`/customer-sync/tenants/${SAMPLE.tenantId}/joor`);
  });

  it('refuse a parameter under another tenant’s prefix, or the platform’s, naming the field', () => {
    expect(() => deployable({ credentialsParameter: '/customer-sync/tenants/other-brand/joor' })).toThrow(
      /joor.credentialsParameter: must start with \/customer-sync\/tenants\//,
    );
    expect(() => deployable({ credentialsParameter: '/customer-sync/platform/sftp-server-id' })).toThrow(
      /joor.credentialsParameter: must start with/,
    );
  });

  it('refuse a tenant with both a secret and a parameter, or with neither', () => {
    expect(() =>
      deployable({
        secretName: `customer-sync/${SAMPLE.tenantId}/joor`,
        credentialsParameter: `/customer-sync/tenants/${SAMPLE.tenantId}/joor`,
      }),
    ).toThrow(/set it or joor.secretName, not both/);
    expect(() => deployable({})).toThrow(
      /joor.secretName: is required to deploy .* or joor.credentialsParameter/,
    );
  });
});
