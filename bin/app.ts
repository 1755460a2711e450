#!/usr/bin/env node
// The CDK app: one platform stack, and a tenant stack per file in tenants/ (or the one named by -c tenant=<id>).
// A sample tenant (an id ending in -sample) is synthesized only when named or with -c includeSamples=true, so that
// `cdk deploy --all` never deploys it to a real account.
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { App, Validations } from 'aws-cdk-lib';
import { AwsSolutionsChecks } from 'cdk-nag';
import { PlatformStack } from '../lib/platform/PlatformStack.js';
import { parseDeployableTenant } from '../lib/tenant/deployableTenant.js';
import { TenantStack } from '../lib/tenant/TenantStack.js';

const TENANTS_DIR = fileURLToPath(new URL('../tenants/', import.meta.url));
/** Tenant ids that end so are demonstrations, deployed only when asked for. */
const SAMPLE_SUFFIX = '-sample';

export const buildApp = (app: App = new App(), tenantsDir = TENANTS_DIR): App => {
  Validations.of(app).addPlugins(new AwsSolutionsChecks(app));
  const env = { account: process.env.CDK_DEFAULT_ACCOUNT, region: process.env.CDK_DEFAULT_REGION };
  const operatorEmails =
    (app.node.tryGetContext('operatorEmails') as string | undefined)?.split(',').filter(Boolean) ?? [];
  const platform = new PlatformStack(app, 'CustomerSyncPlatform', { env, operatorEmails });
  const only = app.node.tryGetContext('tenant') as string | undefined;
  const includeSamples = String(app.node.tryGetContext('includeSamples')) === 'true';
  const files = readdirSync(tenantsDir).filter(
    (name) =>
      name.endsWith('.json') &&
      (only ? name === `${only}.json` : includeSamples || !name.endsWith(`${SAMPLE_SUFFIX}.json`)),
  );
  if (only && files.length === 0) throw new Error(`No tenants/${only}.json`);
  for (const name of files) {
    const path = join(tenantsDir, name);
    const tenant = parseDeployableTenant(JSON.parse(readFileSync(path, 'utf8')), `tenants/${name}`);
    if (`${tenant.tenantId}.json` !== name)
      throw new Error(`tenants/${name}: tenantId "${tenant.tenantId}" must match the file name`);
    new TenantStack(app, `CustomerSyncTenant-${tenant.tenantId}`, { env, tenant, platform });
  }
  return app;
};

if (process.argv[1] === fileURLToPath(import.meta.url)) buildApp().synth();
