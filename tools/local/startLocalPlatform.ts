import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { CreateBucketCommand, PutBucketVersioningCommand, S3Client } from '@aws-sdk/client-s3';
import { SESv2Client } from '@aws-sdk/client-sesv2';
import { SQSClient } from '@aws-sdk/client-sqs';
import * as sesLocalModule from 'aws-ses-v2-local';
import { startFauxqs } from 'fauxqs';
import { S3ObjectStore, SesMailer, SqsSender } from '../../lambdas/adapters/index.js';
import type { TenantConfig } from '../../lambdas/core/config/index.js';
import type { JoorUsage } from '../../lambdas/core/ports/index.js';
import { type Dependencies, reportMailerClientConfig } from '../../lambdas/handlers/index.js';
import { boundsFromEnvironment, loadTenantConfig } from '../../lambdas/pipeline/index.js';
import { SES_CONFIGURATION_SET } from '../../lib/platform/tenantConventions.js';
import type { JoorEmulator, JoorEmulatorOptions } from '../emulators/joor/JoorEmulator.js';
import type { FaultInjector } from '../faults/FaultInjector.js';
import { ConditionalObjectStore } from './ConditionalObjectStore.js';
import { createPipelineRuntime } from './createPipelineRuntime.js';
import { createQueues, type PipelineQueues } from './createQueues.js';
import type { ExternalJoor } from './externalJoor.js';
import type { LocalLambdaRuntime } from './LocalLambdaRuntime.js';
import { localJoorClients, startJoorEmulator } from './localJoor.js';

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

/** The SDK clients of the local platform's services, as the handlers or this module use them. */
interface ServiceClients {
  s3: S3Client;
  sqs: SQSClient;
  ses: SESv2Client;
}

/** fauxqs (S3, SQS) and aws-ses-v2-local (SES) on free ports, and clients of theirs made by `clients()`. */
const startServices = async (onStop: Stops) => {
  const fauxqs = await startFauxqs({ port: 0, logger: false });
  onStop.push(() => fauxqs.stop());
  const ses: Server = await sesLocal({ host: '127.0.0.1', port: 0 });
  onStop.push(() => new Promise<void>((resolve) => ses.close(() => resolve())));
  const sesUrl = `http://127.0.0.1:${(ses.address() as AddressInfo).port}`;
  const client = { endpoint: fauxqs.address, region: REGION, credentials: CREDENTIALS };
  const clients = (): ServiceClients => ({
    s3: new S3Client({ ...client, forcePathStyle: true }),
    sqs: new SQSClient(client),
    ses: new SESv2Client({
      endpoint: sesUrl,
      region: REGION,
      credentials: CREDENTIALS,
      ...reportMailerClientConfig(),
    }),
  });
  return { sesUrl, clients };
};

/** Clients of their own for the handlers, whose requests the fault injector fails. */
const instrumented = (clients: ServiceClients, faults: FaultInjector): ServiceClients => ({
  s3: faults.instrument(clients.s3, 's3'),
  sqs: faults.instrument(clients.sqs, 'sqs'),
  ses: faults.instrument(clients.ses, 'ses'),
});

/** What to stop, in the order it was started; stopped last first. */
type Stops = (() => Promise<void>)[];
const stopAll = async (stops: Stops): Promise<void> => {
  for (const stop of stops.reverse()) await stop();
};

/** The bucket the platform stack creates, versioned as it is. */
const createBucket = async (s3: S3Client): Promise<void> => {
  await s3.send(new CreateBucketCommand({ Bucket: BUCKET }));
  await s3.send(
    new PutBucketVersioningCommand({ Bucket: BUCKET, VersioningConfiguration: { Status: 'Enabled' } }),
  );
};

/** The handlers' ports over the given clients (the fault injector's, when it is on, or the platform's own). */
const localDependencies = (
  clients: ServiceClients,
  queues: PipelineQueues,
  joorFor: ReturnType<typeof localJoorClients>['joorFor'],
  defer: Dependencies['deferWork'],
): Dependencies => {
  const store = new ConditionalObjectStore(new S3ObjectStore(clients.s3, BUCKET));
  const loadTenant = (id: string) => loadTenantConfig(store, id);
  return {
    store,
    // The queues deliver again after 2 s, and this runtime runs one invocation at a time: a claim left by an
    // invocation that died is taken over at the next delivery, as in AWS (FINALIZE_LEASE_MS < visibility).
    finalizeLeaseMs: VISIBILITY_TIMEOUT_S * 1000 - 500,
    loadTenant,
    // The same variables and defaults as the deployed functions (BOUND_… from platform.json).
    bounds: boundsFromEnvironment(),
    workQueue: new SqsSender(clients.sqs, queues.work.url),
    finalizeQueue: new SqsSender(clients.sqs, queues.finalize.url),
    inboxQueue: new SqsSender(clients.sqs, queues.inbox.url),
    jobsQueue: new SqsSender(clients.sqs, queues.jobs.url),
    deferWork: defer,
    jobCheckTiming: LOCAL_JOB_CHECK_TIMING,
    mailer: new SesMailer(clients.ses, SES_CONFIGURATION_SET),
    joorFor: joorFor(loadTenant),
  };
};

/**
 * The platform on this machine with nothing but Node: fauxqs for S3 and SQS, aws-ses-v2-local for SES, the JOOR
 * emulator, the bucket and queues the platform stack creates in AWS, and the real handlers polled from the queues.
 * Each tenant's JOOR settings are pointed at the emulator (localJoor.ts). What was started is stopped again when a
 * later step fails.
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
  const stops: Stops = [];
  try {
    const services = await startServices(stops);
    const { joor, url: joorUrl } = await startJoorEmulator([tenants].flat(), options.joorEmulator);
    stops.push(() => joor.stop());
    const own = services.clients();
    await createBucket(own.s3);
    const queues = await createQueues(own.sqs, { visibilitySeconds: VISIBILITY_TIMEOUT_S });
    const joorClients = localJoorClients(joorUrl, options.joor);
    // The runtime is made last (it needs the handlers' dependencies); the consumer's hand-backs go through it.
    let runtime: LocalLambdaRuntime | undefined;
    const defer: Dependencies['deferWork'] = (receiptHandle, seconds) =>
      runtime!.defer(receiptHandle, seconds);
    const deps = localDependencies(own, queues, joorClients.joorFor, defer);
    const { faults } = options;
    // With faults on, the handlers get clients of their own that fail requests; this module's own calls (the
    // upload, reading the reports back) keep the clean ones.
    const handlerDeps = faults?.active
      ? localDependencies(instrumented(services.clients(), faults), queues, joorClients.joorFor, defer)
      : deps;
    runtime = createPipelineRuntime(own.sqs, queues, handlerDeps, {
      timeoutMs: localTimeoutMs(),
      ...(faults ? { faults } : {}),
      // A fault injector counts one invocation at a time: with it, functions run one after the other.
      concurrent: options.concurrent === true && !faults?.active,
    });
    return {
      bucket: BUCKET,
      s3: own.s3,
      sqs: own.sqs,
      deps,
      runtime,
      inboxQueueUrl: queues.inbox.url,
      queues: {
        inbox: { url: queues.inbox.url, deadLetterUrl: queues.inboxDlq.url },
        work: { url: queues.work.url, deadLetterUrl: queues.workDlq.url },
        finalize: { url: queues.finalize.url, deadLetterUrl: queues.finalizeDlq.url },
      },
      sesUrl: services.sesUrl,
      joor,
      joorUsage: joorClients.usage,
      stop: () => stopAll(stops),
    };
  } catch (error) {
    await stopAll(stops);
    throw error;
  }
};
