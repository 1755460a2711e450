import { createReadStream } from 'node:fs';
import { mkdir, writeFile } from 'node:fs/promises';
import { basename, join } from 'node:path';
import { PutObjectCommand } from '@aws-sdk/client-s3';
import { SendMessageCommand } from '@aws-sdk/client-sqs';
import { Upload } from '@aws-sdk/lib-storage';
import type { TenantConfig } from '../../lambdas/core/config/index.js';
import type { SyncReport } from '../../lambdas/core/reporting/index.js';
import { keys, objectCreatedEvent } from '../../lambdas/pipeline/index.js';
import type { FaultInjector } from '../faults/FaultInjector.js';
import type { ExternalJoor } from './externalJoor.js';
import { type LocalPlatform, startLocalPlatform } from './startLocalPlatform.js';
import { loadStateFolder, type StateTarget, saveStateFolder } from './stateFolder.js';

export interface LocalFileResult {
  report: SyncReport;
  /** Where the report files and the `.eml` were written. */
  outDir: string;
  emlPath?: string;
}

export interface LocalRunOptions {
  files: string[];
  tenant: TenantConfig;
  outDir: string;
  /** Keeps the emulated bucket whole (synced state, runs, reports, files) and JOOR's connections here between runs. */
  stateDir?: string;
  onProgress?: (line: string) => void;
  /** Faults to rehearse a bad day on AWS (`CUSTOMER_SYNC_FAULTS`); none by default. */
  faults?: FaultInjector;
  /** A JOOR that is not the emulator (`--joor`): the customers go there. */
  joor?: ExternalJoor;
}

const PROGRESS_EVERY_MS = 2_000;
const RUN_TIMEOUT_MS = 60 * 60_000;

/**
 * The whole pipeline on this machine, file after file as successive uploads of one tenant: each file goes into the
 * emulated inbox, S3's event to the splitter's queue, and the queues are polled into the real handlers until idle.
 * The sent email is read back from the SES emulator and written with the report files under `outDir`.
 */
export const runLocal = async (options: LocalRunOptions): Promise<LocalFileResult[]> => {
  const platform = await startLocalPlatform(options.tenant, {
    ...(options.faults ? { faults: options.faults } : {}),
    ...(options.joor ? { joor: options.joor } : {}),
  });
  try {
    // The folder first: the tenant config given now wins over the one the folder kept.
    if (options.stateDir) await loadStateFolder(stateTarget(platform), options.stateDir);
    await putTenant(platform, options.tenant);
    const results: LocalFileResult[] = [];
    // The folder's earlier runs have their reports already: only this call's are new.
    const seenRuns = new Set<string>(await reportKeysOf(platform, options.tenant.tenantId));
    let seenEmails = 0;
    for (const file of options.files) {
      await upload(platform, options.tenant.tenantId, file);
      let lastProgress = Date.now();
      await platform.runtime.runUntilIdle({
        timeoutMs: RUN_TIMEOUT_MS,
        onRound: () => {
          if (!options.onProgress || Date.now() - lastProgress < PROGRESS_EVERY_MS) return;
          lastProgress = Date.now();
          if (options.joor)
            return options.onProgress(`  ${basename(file)}: syncing with ${options.joor.baseUrl}`);
          const stats = platform.joor.stats();
          options.onProgress(
            `  ${basename(file)}: syncing, ${stats.creates + stats.updates} customer(s) upserted in JOOR so far`,
          );
        },
      });
      const report = await newReport(platform, options.tenant.tenantId, seenRuns);
      // `npm start` ends with its files, before any interval of refused files would: each file is reported on its
      // own (one object per file), so the next refused file opens an interval of its own rather than wait for one.
      await platform.deps.store.delete(keys.refusalWindow(options.tenant.tenantId));
      const outDir = join(options.outDir, options.tenant.tenantId, report.runId);
      await writeReportFiles(platform, report, outDir);
      const emails = await readEmails(platform.sesUrl);
      const emlPath = emails.length > seenEmails ? join(outDir, 'report.eml') : undefined;
      if (emlPath) await writeFile(emlPath, await emlOf(platform.sesUrl, emails.at(-1)!.messageId));
      seenEmails = emails.length;
      results.push({ report, outDir, ...(emlPath ? { emlPath } : {}) });
    }
    if (options.stateDir) await saveStateFolder(stateTarget(platform), options.stateDir);
    return results;
  } finally {
    await platform.stop();
  }
};

/** Puts a tenant's config where the platform's handlers read it, as a tenant stack's deployment does. */
export const putTenant = (platform: LocalPlatform, tenant: TenantConfig) =>
  platform.s3.send(
    new PutObjectCommand({
      Bucket: platform.bucket,
      Key: keys.tenantConfig(tenant.tenantId),
      Body: JSON.stringify(tenant),
    }),
  );

/**
 * Part size of the local upload. The embedded S3 refuses request bodies over 11 MiB, and S3's own parts are at
 * least 5 MiB: a multipart upload in 8 MiB parts takes any file, as Transfer Family's own uploads do.
 */
const UPLOAD_PART_BYTES = 8 * 1024 * 1024;

/** An upload into the inbox, and the event S3 would send for it (fauxqs has no bucket notifications). */
const upload = async (platform: LocalPlatform, tenantId: string, file: string): Promise<void> => {
  const key = `${keys.inbox(tenantId)}${basename(file)}`;
  const answer = await new Upload({
    client: platform.s3,
    params: { Bucket: platform.bucket, Key: key, Body: createReadStream(file) },
    partSize: UPLOAD_PART_BYTES,
    queueSize: 2,
  }).done();
  const event = objectCreatedEvent(platform.bucket, key, answer.VersionId, new Date().toISOString());
  await platform.sqs.send(new SendMessageCommand({ QueueUrl: platform.inboxQueueUrl, MessageBody: event }));
};

const reportKeysOf = async (platform: LocalPlatform, tenantId: string): Promise<string[]> =>
  (await platform.deps.store.list(keys.reportsPrefix(tenantId))).filter((key) => key.endsWith('report.json'));

const newReport = async (
  platform: LocalPlatform,
  tenantId: string,
  seen: Set<string>,
): Promise<SyncReport> => {
  const fresh = (await reportKeysOf(platform, tenantId)).filter((key) => !seen.has(key));
  if (fresh.length === 0) throw new Error('The run ended without a report: see the log above');
  if (fresh.length > 1) throw new Error(`One file ended with ${fresh.length} reports: ${fresh.join(', ')}`);
  for (const key of fresh) seen.add(key);
  return JSON.parse((await platform.deps.store.getText(fresh.at(-1)!))!) as SyncReport;
};

const writeReportFiles = async (
  platform: LocalPlatform,
  report: SyncReport,
  outDir: string,
): Promise<void> => {
  await mkdir(outDir, { recursive: true });
  for (const extension of ['json', 'html', 'txt', 'csv'] as const) {
    const text = await platform.deps.store.getText(keys.report(report.tenantId, report.runId, extension));
    if (text !== undefined) await writeFile(join(outDir, `report.${extension}`), text);
  }
};

interface StoredEmail {
  messageId: string;
}

const readEmails = async (sesUrl: string): Promise<StoredEmail[]> =>
  ((await (await fetch(`${sesUrl}/store`)).json()) as { emails: StoredEmail[] }).emails;

const emlOf = async (sesUrl: string, messageId: string): Promise<Buffer> => {
  const answer = (await (
    await fetch(`${sesUrl}/get-emlContent?messageId=${encodeURIComponent(messageId)}`)
  ).json()) as {
    body: { data: number[] };
  };
  return Buffer.from(answer.body.data);
};

/** The emulated bucket and JOOR a state folder is loaded into and saved from. */
export const stateTarget = (platform: LocalPlatform): StateTarget => ({
  s3: platform.s3,
  bucket: platform.bucket,
  list: () => platform.deps.store.list(''),
  joor: platform.joor,
});
