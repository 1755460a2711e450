#!/usr/bin/env node
// The CDK app: one platform stack (settings from platform.json), and a tenant stack per file in tenants/ (or the one named by -c tenant=<id>).
// A sample tenant (an id ending in -sample) is synthesized only when named or with -c includeSamples=true, so that
// `cdk deploy --all` never deploys it to a real account.
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { Annotations, App, Validations } from 'aws-cdk-lib';
import { AwsSolutionsChecks } from 'cdk-nag';
import { ConfigError, type TenantConfig } from '../lambdas/core/config/index.js';
import { PlatformStack } from '../lib/platform/PlatformStack.js';
import { PLATFORM_STACK_NAME } from '../lib/platform/platformOutputs.js';
import { parsePlatformSettings } from '../lib/platform/platformSettings.js';
import { SendersStack } from '../lib/senders/SendersStack.js';
import { senderTenants } from '../lib/senders/senderTenants.js';
import { readTenantFile } from '../lib/tenant/deployableTenant.js';
import { TenantStack } from '../lib/tenant/TenantStack.js';

const TENANTS_DIR = fileURLToPath(new URL('../tenants/', import.meta.url));
const SETTINGS_FILE = fileURLToPath(new URL('../platform.json', import.meta.url));
/** Tenant ids that end so are demonstrations, deployed only when asked for. */
const SAMPLE_SUFFIX = '-sample';

/** Said on stderr, where `cdk synth` shows an app's output: a problem that leaves out one tenant's stack. */
const toStderr = (problem: string): void => {
  process.stderr.write(`${problem}\n`);
};

/** A command-line or settings problem the app cannot build past, said as a message rather than a stack trace. */
export class SynthError extends Error {
  override name = 'SynthError';
}

/**
 * The CDK app. A tenant file that is unfinished or invalid leaves out only its own stack: it is reported through
 * `report` (naming the file and each field) and the other tenants' stacks are built, unless it is the tenant named
 * with `-c tenant=<id>`, which then fails the synth with the same message. The senders stack keeps the sender a bad
 * file names, so that deploying it never deletes a tenant's identity while its file is being mended; a file that is
 * not JSON names none that can be read, and blocks the senders stack (an error on it) until it is mended.
 */
export const buildApp = (
  app: App = new App(),
  tenantsDir = TENANTS_DIR,
  settingsPath = SETTINGS_FILE,
  report: (problem: string) => void = toStderr,
): App => {
  // Server access logs delivered by a bucket policy, not the legacy log-delivery ACL (cfn-lint W3045); set here so that
  // tests, which build their own App, synthesize what `cdk synth` does.
  app.node.setContext('@aws-cdk/aws-s3:serverAccessLogsUseBucketPolicy', true);
  Validations.of(app).addPlugins(new AwsSolutionsChecks(app));
  const env = { account: process.env.CDK_DEFAULT_ACCOUNT, region: process.env.CDK_DEFAULT_REGION };
  if (app.node.tryGetContext('operatorEmails') !== undefined)
    throw new SynthError(
      '-c operatorEmails is no longer read: list them in platform.json, so that no deploy can leave them out',
    );
  const only = app.node.tryGetContext('tenant') as string | undefined;
  const includeSamples = String(app.node.tryGetContext('includeSamples')) === 'true';
  const names = readdirSync(tenantsDir).filter(
    (name) =>
      name.endsWith('.json') &&
      (includeSamples || name === `${only}.json` || !name.endsWith(`${SAMPLE_SUFFIX}.json`)),
  );
  if (only && !names.includes(`${only}.json`)) throw new SynthError(`No tenants/${only}.json`);
  const settings = parsePlatformSettings(readJson(settingsPath, 'platform.json'), 'platform.json');
  new PlatformStack(app, PLATFORM_STACK_NAME, { env, settings });
  const files = names.map((name) => readTenantFile(name, readFileSync(join(tenantsDir, name), 'utf8')));
  const tenants: TenantConfig[] = [];
  /** The senders of files left out, kept by the senders stack (tagged with the tenant the file is named for). */
  const keptSenders: [string, string][] = [];
  const unreadable: string[] = [];
  for (const file of files) {
    if ('problem' in file) {
      if (file.name === `${only}.json`) throw new SynthError(file.problem);
      report(
        `${file.problem}\n(the stack of tenants/${file.name} is left out until it is mended; the others are built)`,
      );
      if (file.sender) keptSenders.push([file.sender.toLowerCase(), file.name.replace(/\.json$/, '')]);
      if (file.unreadable) unreadable.push(`tenants/${file.name}`);
      continue;
    }
    const { tenant } = file;
    tenants.push(tenant);
    if (only && tenant.tenantId !== only) continue;
    const id = `CustomerSyncTenant-${tenant.tenantId}`;
    try {
      new TenantStack(app, id, { env, tenant, logRetention: settings.logRetentionDays });
    } catch (error) {
      // A tenant whose stack cannot be built is left out as a bad file is: nothing of it stays in the app.
      app.node.tryRemoveChild(id);
      if (tenant.tenantId === only) throw error;
      report(`tenants/${file.name}: its stack cannot be built: ${(error as Error).message}`);
    }
  }
  // From every tenant file, even when one tenant is named: deploying it must not delete another tenant's sender.
  // A tenant naming another tenant's sender fails here, naming both (senderTenants).
  const senders = senderTenants(tenants, settings.sharedSenders);
  for (const [sender, tenantId] of keptSenders)
    if (!senders.get(sender)?.includes(tenantId))
      senders.set(sender, [...(senders.get(sender) ?? []), tenantId].sort());
  if (senders.size > 0 || unreadable.length > 0) {
    const stack = new SendersStack(app, 'CustomerSyncSenders', { env, senders });
    for (const file of unreadable)
      Annotations.of(stack).addError(
        `${file} is not JSON, so the sender it names is unknown: mend it before deploying this stack, which would delete that sender's identity`,
      );
  }
  return app;
};

const readJson = (path: string, name: string): unknown => {
  try {
    return JSON.parse(readFileSync(path, 'utf8'));
  } catch (error) {
    throw new SynthError(`Cannot read ${name}: ${(error as Error).message}`);
  }
};

/** What `cdk synth` prints for a problem a person mends (a config, a flag): the message; for a defect, the stack. */
const synthFailure = (error: unknown): string =>
  error instanceof SynthError || error instanceof ConfigError
    ? error.message
    : error instanceof Error
      ? (error.stack ?? error.message)
      : String(error);

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  try {
    buildApp().synth();
  } catch (error) {
    process.stderr.write(`${synthFailure(error)}\n`);
    process.exitCode = 1;
  }
}
