import { readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { SendMessageCommand } from '@aws-sdk/client-sqs';
import { parseTenantConfig, type TenantConfig } from '../../lambdas/core/config/index.js';
import { objectCreatedEvent, PREFIXES } from '../../lambdas/pipeline/index.js';
import { stateTarget } from '../local/runLocal.js';
import { startLocalPlatform } from '../local/startLocalPlatform.js';
import { holdsBucket, loadStateFolder, STATE_FILES, saveStateFolder } from '../local/stateFolder.js';
import { type Operator, OperatorError } from './Platform.js';

/** As long as `npm start` gives a file: the queues of a local rehearsal are polled until idle within it. */
const SETTLE_TIMEOUT_MS = 60 * 60_000;

/**
 * The tenants whose configs the folder's bucket holds, for the emulated JOOR's accounts. A config that cannot be
 * read is left out here (its tenant gets the emulator's default account) and fails its runs as it would on AWS.
 */
const tenantsOf = async (stateDir: string): Promise<TenantConfig[]> => {
  const dir = join(stateDir, STATE_FILES.bucket, PREFIXES.config);
  const names = await readdir(dir).catch(() => [] as string[]);
  const tenants: TenantConfig[] = [];
  for (const name of names.filter((n) => n.endsWith('.json'))) {
    try {
      tenants.push(parseTenantConfig(JSON.parse(await readFile(join(dir, name), 'utf8')), name));
    } catch {
      // Left to the pipeline, which names the problem in the run's report.
    }
  }
  return tenants;
};

/**
 * A local rehearsal's folder (`npm start -- … --state <dir>`) as a platform the operator commands work on: the
 * folder's bucket and JOOR connections are loaded into the local platform (fauxqs, the SES and JOOR emulators, the
 * real handlers); a command that changes something runs the pipeline on this machine until idle, as `npm start`
 * does, and saves the folder again. One command at a time per folder: two at once would each save their own.
 */
export const openLocalFolder = async (stateDir: string): Promise<Operator> => {
  if (!(await holdsBucket(stateDir)))
    throw new OperatorError(
      `${stateDir} holds no local rehearsal: npm start -- <file> --state ${stateDir} makes one`,
    );
  const platform = await startLocalPlatform(await tenantsOf(stateDir));
  const target = stateTarget(platform);
  try {
    await loadStateFolder(target, stateDir);
  } catch (error) {
    await platform.stop();
    throw new OperatorError(`Cannot load ${stateDir}: ${(error as Error).message}`);
  }
  return {
    platform: { stackName: `local:${stateDir}`, bucket: platform.bucket, queues: platform.queues },
    s3: platform.s3,
    sqs: platform.sqs,
    store: platform.deps.store,
    local: true,
    announce: async (key, versionId) => {
      await platform.sqs.send(
        new SendMessageCommand({
          QueueUrl: platform.inboxQueueUrl,
          MessageBody: objectCreatedEvent(platform.bucket, key, versionId, new Date().toISOString()),
        }),
      );
    },
    settle: async () => {
      await platform.runtime.runUntilIdle({ timeoutMs: SETTLE_TIMEOUT_MS });
      await saveStateFolder(target, stateDir);
    },
    close: () => platform.stop(),
  };
};
