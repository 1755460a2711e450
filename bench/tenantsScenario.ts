// One scenario of the tenants benchmark, in a process of its own so that the handlers' logs stay quiet and the
// figures belong to that scenario alone:
//   node --import tsx tenantsScenario.ts '<TenantsScenario as JSON>'
// Prints a TenantsScenarioResult as JSON on its last line.
import { createReadStream } from 'node:fs';
import { cpus, loadavg } from 'node:os';
import { basename } from 'node:path';
import { fileURLToPath } from 'node:url';
import { SendMessageCommand } from '@aws-sdk/client-sqs';
import { Upload } from '@aws-sdk/lib-storage';
import { parseTenantConfig } from '../lambdas/core/config/index.js';
import type { JoorUsage } from '../lambdas/core/ports/index.js';
import type { SyncReport } from '../lambdas/core/reporting/index.js';
import { keys, objectCreatedEvent } from '../lambdas/pipeline/index.js';
import type { AccountActivity } from '../tools/emulators/joor/JoorEmulator.js';
import type { FunctionTime } from '../tools/local/LocalLambdaRuntime.js';
import { putTenant } from '../tools/local/runLocal.js';
import { type LocalPlatform, startLocalPlatform } from '../tools/local/startLocalPlatform.js';

export interface TenantsScenario {
  /** Each tenant's file, all of them uploaded and announced to the splitter at the same moment. */
  tenants: { tenantId: string; accountId: string; file: string; customers: number }[];
  windowMs: number;
  creditsPerWindow: number;
  job: { baseMs: number; perRecordMs: number };
  latencyMs: { min: number; max: number };
  bulkSize: number;
  timeoutMs: number;
}

export interface TenantOutcome {
  tenantId: string;
  customers: number;
  /** From the tenant's report: when its file was received, when its run was finished. */
  receivedAt: string;
  finishedAt: string;
  counts: { sent: number; accepted: number; failed: number };
  joor: AccountActivity;
}

export interface TenantsScenarioResult {
  tenants: TenantOutcome[];
  functionTime: Record<string, FunctionTime>;
  joorUsage: JoorUsage;
  /** Wall-clock time from the uploads' announcement until the queues were idle. */
  elapsedMs: number;
  /**
   * The share of that time this process (emulators and functions alike) was busy: near 1, the figures are bound by
   * this machine's CPU, where in AWS each invocation has its own.
   */
  busyShare: number;
  /** The machine's 1-minute load average when the run began and ended, and its cores: other work on it shows here. */
  load: { start: number; end: number; cores: number };
}

/** The run's report: a scenario gives each tenant one file, so one report. */
const reportOf = async (platform: LocalPlatform, tenantId: string): Promise<SyncReport> => {
  const found = (await platform.deps.store.list(keys.reportsPrefix(tenantId))).filter((key) =>
    key.endsWith('report.json'),
  );
  if (found.length !== 1) throw new Error(`${tenantId}: ${found.length} reports, expected 1`);
  return JSON.parse((await platform.deps.store.getText(found[0]!))!) as SyncReport;
};

export const runTenantsScenario = async (scenario: TenantsScenario): Promise<TenantsScenarioResult> => {
  const configs = scenario.tenants.map((t) =>
    parseTenantConfig({
      tenantId: t.tenantId,
      bulkSize: scenario.bulkSize,
      joor: {
        accountId: t.accountId,
        windowSeconds: scenario.windowMs / 1000,
        creditsPerWindow: scenario.creditsPerWindow,
      },
    }),
  );
  const platform = await startLocalPlatform(configs, {
    concurrent: true,
    joorEmulator: {
      windowMs: scenario.windowMs,
      creditsPerWindow: scenario.creditsPerWindow,
      job: scenario.job,
      latencyMs: scenario.latencyMs,
    },
  });
  try {
    for (const config of configs) await putTenant(platform, config);
    // Every file is in the inbox before any is announced: the splitters start on all of them at once.
    const uploaded = await Promise.all(
      scenario.tenants.map(async ({ tenantId, file }) => {
        const key = `${keys.inbox(tenantId)}${basename(file)}`;
        const answer = await new Upload({
          client: platform.s3,
          params: { Bucket: platform.bucket, Key: key, Body: createReadStream(file) },
          partSize: 8 * 1024 * 1024,
          queueSize: 2,
        }).done();
        return { key, versionId: answer.VersionId };
      }),
    );
    const started = Date.now();
    const busySince = performance.eventLoopUtilization();
    const loadAtStart = loadavg()[0]!;
    const at = new Date(started).toISOString();
    await Promise.all(
      uploaded.map(({ key, versionId }) =>
        platform.sqs.send(
          new SendMessageCommand({
            QueueUrl: platform.inboxQueueUrl,
            MessageBody: objectCreatedEvent(platform.bucket, key, versionId, at),
          }),
        ),
      ),
    );
    await platform.runtime.runUntilIdle({ timeoutMs: scenario.timeoutMs });
    await platform.runtime.settle();
    const elapsedMs = Date.now() - started;
    const busyShare = performance.eventLoopUtilization(busySince).utilization;
    const load = { start: loadAtStart, end: loadavg()[0]!, cores: cpus().length };
    const tenants: TenantOutcome[] = [];
    for (const t of scenario.tenants) {
      const report = await reportOf(platform, t.tenantId);
      tenants.push({
        tenantId: t.tenantId,
        customers: t.customers,
        receivedAt: report.file.receivedAt,
        finishedAt: report.file.finishedAt,
        counts: { sent: report.counts.sent, accepted: report.counts.accepted, failed: report.counts.failed },
        joor: platform.joor.accountActivity(t.accountId),
      });
    }
    return {
      tenants,
      functionTime: platform.runtime.functionTime(),
      joorUsage: platform.joorUsage(),
      elapsedMs,
      busyShare,
      load,
    };
  } finally {
    await platform.stop();
  }
};

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const result = await runTenantsScenario(JSON.parse(process.argv[2] ?? '{}') as TenantsScenario);
  process.stdout.write(`${JSON.stringify(result)}\n`);
  // fauxqs and the emulators may keep sockets open a moment after stopping: the result is out, the process is done.
  process.exit(0);
}
