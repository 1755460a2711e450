#!/usr/bin/env node
// The CDK app: one platform stack (settings from platform.json), and a tenant stack per file in tenants/ (or the one named by -c tenant=<id>).
// A sample tenant (an id ending in -sample) is synthesized only when named or with -c includeSamples=true, so that
// `cdk deploy --all` never deploys it to a real account.
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { App, Validations } from 'aws-cdk-lib';
import { AwsSolutionsChecks } from 'cdk-nag';
import { PlatformStack } from '../lib/platform/PlatformStack.js';
import { PLATFORM_STACK_NAME } from '../lib/platform/platformOutputs.js';
import { parsePlatformSettings } from '../lib/platform/platformSettings.js';
import { SendersStack } from '../lib/senders/SendersStack.js';
import { senderTenants } from '../lib/senders/senderTenants.js';
import { parseDeployableTenant } from '../lib/tenant/deployableTenant.js';
import { TenantStack } from '../lib/tenant/TenantStack.js';

const TENANTS_DIR = fileURLToPath(new URL('../tenants/', import.meta.url));
const SETTINGS_FILE = fileURLToPath(new URL('../platform.json', import.meta.url));
/** Tenant ids that end so are demonstrations, deployed only when asked for. */
const SAMPLE_SUFFIX = '-sample';

export const buildApp = (
  app: App = new App(),
  tenantsDir = TENANTS_DIR,
  settingsPath = SETTINGS_FILE,
): App => {
  // Server access logs delivered by a bucket policy, not the legacy log-delivery ACL (cfn-lint W3045); set here so that
  // tests, which build their own App, synthesize what `cdk synth` does.
  app.node.setContext('@aws-cdk/aws-s3:serverAccessLogsUseBucketPolicy', true);
  Validations.of(app).addPlugins(new AwsSolutionsChecks(app));
  const env = { account: process.env.CDK_DEFAULT_ACCOUNT, region: process.env.CDK_DEFAULT_REGION };
  if (app.node.tryGetContext('operatorEmails') !== undefined)
    throw new Error(
      '-c operatorEmails is no longer read: list them in platform.json, so that no deploy can leave them out',
    );
  const settings = parsePlatformSettings(JSON.parse(readFileSync(settingsPath, 'utf8')), 'platform.json');
  new PlatformStack(app, PLATFORM_STACK_NAME, { env, settings });
  const only = app.node.tryGetContext('tenant') as string | undefined;
  const includeSamples = String(app.node.tryGetContext('includeSamples')) === 'true';
  const files = readdirSync(tenantsDir).filter(
    (name) =>
      name.endsWith('.json') &&
      (includeSamples || name === `${only}.json` || !name.endsWith(`${SAMPLE_SUFFIX}.json`)),
  );
  if (only && !files.includes(`${only}.json`)) throw new Error(`No tenants/${only}.json`);
  const tenants = files.map((name) => {
    const tenant = parseDeployableTenant(
      JSON.parse(readFileSync(join(tenantsDir, name), 'utf8')),
      `tenants/${name}`,
    );
    if (`${tenant.tenantId}.json` !== name)
      throw new Error(`tenants/${name}: tenantId "${tenant.tenantId}" must match the file name`);
    return tenant;
  });
  for (const tenant of tenants) {
    if (only && tenant.tenantId !== only) continue;
    new TenantStack(app, `CustomerSyncTenant-${tenant.tenantId}`, {
      env,
      tenant,
      logRetention: settings.logRetentionDays,
    });
  }
  // From every tenant file, even when one tenant is named: deploying it must not delete another tenant's sender.
  // A tenant naming another tenant's sender fails here, naming both (senderTenants).
  const senders = senderTenants(tenants, settings.sharedSenders);
  if (tenants.length > 0) new SendersStack(app, 'CustomerSyncSenders', { env, senders });
  return app;
};

if (process.argv[1] === fileURLToPath(import.meta.url)) buildApp().synth();
