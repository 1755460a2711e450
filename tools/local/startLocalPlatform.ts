import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { CreateBucketCommand, PutBucketVersioningCommand, S3Client } from '@aws-sdk/client-s3';
import { SESv2Client } from '@aws-sdk/client-sesv2';
import { SQSClient } from '@aws-sdk/client-sqs';
import * as sesLocalModule from 'aws-ses-v2-local';
import { startFauxqs } from 'fauxqs';
import { S3ObjectStore, SesMailer, SqsSender } from '../../lambdas/adapters/index.js';
import { createJoorClient } from '../../lambdas/adapters/joor/index.js';
import type { TenantConfig } from '../../lambdas/core/config/index.js';
import type { JoorClient, JoorUsage } from '../../lambdas/core/ports/index.js';
import { type Dependencies, REPORT_MAILER_SDK_ATTEMPTS } from '../../lambdas/handlers/index.js';
import { boundsFromEnvironment, loadTenantConfig } from '../../lambdas/pipeline/index.js';
import { JoorEmulator, type JoorEmulatorOptions } from '../emulators/joor/JoorEmulator.js';
import type { FaultInjector } from '../faults/FaultInjector.js';
import { ConditionalObjectStore } from './ConditionalObjectStore.js';
import { createPipelineRuntime } from './createPipelineRuntime.js';
import { createQueues } from './createQueues.js';
import type { ExternalJoor } from './externalJoor.js';
import type { LocalLambdaRuntime } from './LocalLambdaRuntime.js';

type StartSes = (config: { host: string; port: number }) => Promise<Server>;
// The package is CommonJS with `exports.default`: depending on the loader's interop it is one or two `.default`s away.
const sesExport = (sesLocalModule as unknown as { default: StartSes | { default: StartSes } }).default;
const sesLocal: StartSes = typeof sesExport === 'function' ? sesExport : sesExport.default;

const BUCKET = 'customer-sync-local';
const CREDENTIALS = { accessKeyId: 'local', secretAccessKey: 'local' };
const REGION = 'us-east-1';
/** Short, so that a failed batch comes back quickly on this machine; AWS uses 6× the consumer's time-out. */
const VISIBILITY_TIMEOUT_S = 2;
/** Lambda's longest time-out; `CUSTOMER_SYNC_LOCAL_TIMEOUT_MS` shortens it, so that JOOR's jobs can outlive a function. */
const FUNCTION_TIMEOUT_MS = 15 * 60_000;
/**
 * The job checks' intervals on this machine: SQS delays are whole seconds, and the emulator's jobs take milliseconds
 * unless `JOOR_EMULATOR_JOB_MS` says otherwise (AWS: 10 s doubling to 15 minutes).
 */
export const LOCAL_JOB_CHECK_TIMING = { firstMs: 1_000, maxMs: 8_000 };

/** Every local function's time-out: Lambda's longest, or what `CUSTOMER_SYNC_LOCAL_TIMEOUT_MS` says. */
export const localTimeoutMs = (env: NodeJS.ProcessEnv = process.env): number => {
  const value = env.CUSTOMER_SYNC_LOCAL_TIMEOUT_MS;
  if (value === undefined || value === '') return FUNCTION_TIMEOUT_MS;
  const ms = Number(value);
  if (!Number.isInteger(ms) || ms < 1_000)
    throw new Error(
      `CUSTOMER_SYNC_LOCAL_TIMEOUT_MS must be a whole number of milliseconds, at least 1000 (got "${value}")`,
    );
  return ms;
};

/**
 * The v2 token of an emulated JOOR account: one per account, since JOOR knows the account (and charges its credits)
 * by the token. One token for all would put every tenant on the first account's budget.
 */
export const localJoorToken = (accountId: string): string => `local-emulator-token-${accountId}`;
/** The longest wait for JOOR's credits spent in a local function (AWS: 10 s); longer ones are handed back. */
const LOCAL_MAX_INLINE_WAIT_MS = 1_000;

export interface LocalPlatform {
  bucket: string;
  s3: S3Client;
  sqs: SQSClient;
  deps: Dependencies;
  runtime: LocalLambdaRuntime;
  inboxQueueUrl: string;
  /** Each queue and its dead-letter queue, as the platform stack's outputs name them (the operator commands'). */
  queues: Record<'inbox' | 'work' | 'finalize', { url: string; deadLetterUrl: string }>;
  sesUrl: string;
  joor: JoorEmulator;
  /** What the functions' JOOR clients have spent so far, all tenants together (time waiting on JOOR included). */
  joorUsage: () => JoorUsage;
  stop: () => Promise<void>;
}

/** The emulated JOOR account of a tenant that names none. */
const DEFAULT_ACCOUNT_ID = '1001';

/**
 * The platform on this machine with nothing but Node: fauxqs for S3 and SQS, aws-ses-v2-local for SES, the JOOR
 * emulator, the bucket and queues the platform stack creates in AWS, and the real handlers polled from the queues.
 * Each tenant's JOOR settings are pointed at the emulator, whose account holds the tenant's reference data (the
 * first tenant's, when two share an account).
 */
export const startLocalPlatform = async (
  tenants: TenantConfig | TenantConfig[],
  options: {
    faults?: FaultInjector;
    joor?: ExternalJoor;
    /** Each function runs its invocations side by side as in AWS; one at a time otherwise. */
    concurrent?: boolean;
    /** The emulator's pace (its window, job time, latency) when not the environment's (JOOR_EMULATOR_…). */
    joorEmulator?: Pick<JoorEmulatorOptions, 'windowMs' | 'creditsPerWindow' | 'job' | 'latencyMs'>;
  } = {},
): Promise<LocalPlatform> => {
  const fauxqs = await startFauxqs({ port: 0, logger: false });
  const ses: Server = await sesLocal({ host: '127.0.0.1', port: 0 });
  const sesUrl = `http://127.0.0.1:${(ses.address() as AddressInfo).port}`;
  const accounts = new Map<string, TenantConfig | undefined>();
  for (const tenant of [tenants].flat())
    if (!accounts.has(tenant.joor.accountId ?? DEFAULT_ACCOUNT_ID))
      accounts.set(tenant.joor.accountId ?? DEFAULT_ACCOUNT_ID, tenant);
  if (accounts.size === 0) accounts.set(DEFAULT_ACCOUNT_ID, undefined);
  const joor = new JoorEmulator({
    ...options.joorEmulator,
    accounts: [...accounts].map(([accountId, tenant]) => ({
      accountId,
      v2Token: localJoorToken(accountId),
      v4: { clientId: 'local', clientSecret: 'local', username: 'local', password: 'local' },
      ...(tenant?.referenceData ? { referenceData: tenant.referenceData } : {}),
    })),
  });
  const joorUrl = await joor.start();

  const client = { endpoint: fauxqs.address, region: REGION, credentials: CREDENTIALS };
  const s3 = new S3Client({ ...client, forcePathStyle: true });
  const sqs = new SQSClient(client);
  await s3.send(new CreateBucketCommand({ Bucket: BUCKET }));
  await s3.send(
    new PutBucketVersioningCommand({ Bucket: BUCKET, VersioningConfiguration: { Status: 'Enabled' } }),
  );
  const queues = await createQueues(sqs, { visibilitySeconds: VISIBILITY_TIMEOUT_S });
  const { inbox, work, finalize, jobs } = queues;
  // The runtime is made last (it needs the handlers' dependencies); the consumer's hand-backs go through it.
  let runtime: LocalLambdaRuntime | undefined;

  const joorClients = new Map<string, JoorClient>();
  /** The handlers' ports over the given clients (the fault injector's, when it is on, or the platform's own). */
  const dependenciesOver = (clients: { s3: S3Client; sqs: SQSClient; ses: SESv2Client }): Dependencies => {
    const store = new ConditionalObjectStore(new S3ObjectStore(clients.s3, BUCKET));
    return {
      store,
      // The queues deliver again after 2 s, and this runtime runs one invocation at a time: a claim left by an
      // invocation that died is taken over at the next delivery, as in AWS (FINALIZE_LEASE_MS < visibility).
      finalizeLeaseMs: VISIBILITY_TIMEOUT_S * 1000 - 500,
      loadTenant: (id) => loadTenantConfig(store, id),
      // The same variables and defaults as the deployed functions (BOUND_… from platform.json).
      bounds: boundsFromEnvironment(),
      workQueue: new SqsSender(clients.sqs, work.url),
      finalizeQueue: new SqsSender(clients.sqs, finalize.url),
      inboxQueue: new SqsSender(clients.sqs, inbox.url),
      jobsQueue: new SqsSender(clients.sqs, jobs.url),
      deferWork: (receiptHandle, seconds) => runtime!.defer(receiptHandle, seconds),
      jobCheckTiming: LOCAL_JOB_CHECK_TIMING,
      mailer: new SesMailer(clients.ses),
      joorFor: async (id) => {
        let joorClient = joorClients.get(id);
        if (!joorClient) {
          const config = await loadTenantConfig(store, id);
          // With --joor, customers go to that JOOR with the credentials from the environment; else to the emulator.
          const external = options.joor;
          joorClient = external
            ? createJoorClient(
                {
                  ...config,
                  joor: {
                    ...config.joor,
                    environment: external.environment,
                    baseUrl: external.baseUrl,
                    authUrl: external.authUrl,
                  },
                },
                {
                  credentials: async () => external.credentials,
                  retry: { maxInlineWaitMs: LOCAL_MAX_INLINE_WAIT_MS },
                },
              )
            : createJoorClient(
                {
                  ...config,
                  joor: { ...config.joor, baseUrl: joorUrl, authUrl: `${joorUrl}/auth` },
                },
                {
                  credentials: async () => ({
                    v2Token: localJoorToken(config.joor.accountId ?? DEFAULT_ACCOUNT_ID),
                  }),
                  poll: { firstDelayMs: 100, maxDelayMs: 2_000 },
                  // Waits for JOOR's credits are handed back to the queue rather than spent in a function.
                  retry: { maxInlineWaitMs: LOCAL_MAX_INLINE_WAIT_MS },
                },
              );
          joorClients.set(id, joorClient);
        }
        return joorClient;
      },
    };
  };
  const deps = dependenciesOver({
    s3,
    sqs,
    ses: new SESv2Client({
      endpoint: sesUrl,
      region: REGION,
      credentials: CREDENTIALS,
      maxAttempts: REPORT_MAILER_SDK_ATTEMPTS,
    }),
  });
  const { faults } = options;
  // With faults on, the handlers get clients of their own that fail requests; this module's own calls (the
  // upload, reading the reports back) keep the clean ones.
  const handlerDeps = faults?.active
    ? dependenciesOver({
        s3: faults.instrument(new S3Client({ ...client, forcePathStyle: true }), 's3'),
        sqs: faults.instrument(new SQSClient(client), 'sqs'),
        ses: faults.instrument(
          new SESv2Client({
            endpoint: sesUrl,
            region: REGION,
            credentials: CREDENTIALS,
            maxAttempts: REPORT_MAILER_SDK_ATTEMPTS,
          }),
          'ses',
        ),
      })
    : deps;
  runtime = createPipelineRuntime(sqs, queues, handlerDeps, {
    timeoutMs: localTimeoutMs(),
    ...(faults ? { faults } : {}),
    // A fault injector counts one invocation at a time: with it, functions run one after the other.
    concurrent: options.concurrent === true && !faults?.active,
  });
  return {
    bucket: BUCKET,
    s3,
    sqs,
    deps,
    runtime,
    inboxQueueUrl: inbox.url,
    queues: {
      inbox: { url: inbox.url, deadLetterUrl: queues.inboxDlq.url },
      work: { url: work.url, deadLetterUrl: queues.workDlq.url },
      finalize: { url: finalize.url, deadLetterUrl: queues.finalizeDlq.url },
    },
    sesUrl,
    joor,
    joorUsage: () => {
      const total: JoorUsage = { requests: 0, credits: 0, throttled: 0, waitedMs: 0, requestMs: 0 };
      for (const client of joorClients.values())
        for (const [key, value] of Object.entries(client.usage())) total[key as keyof JoorUsage] += value;
      return total;
    },
    stop: async () => {
      await joor.stop();
      await new Promise<void>((resolve) => ses.close(() => resolve()));
      await fauxqs.stop();
    },
  };
};
