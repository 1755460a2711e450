import {
  CreateBucketCommand,
  PutBucketNotificationConfigurationCommand,
  PutBucketVersioningCommand,
  PutObjectCommand,
  S3Client,
} from '@aws-sdk/client-s3';
import { CreateSecretCommand, SecretsManagerClient } from '@aws-sdk/client-secrets-manager';
import { CreateEmailIdentityCommand, SESv2Client } from '@aws-sdk/client-sesv2';
import { SQSClient } from '@aws-sdk/client-sqs';
import { PutParameterCommand, SSMClient } from '@aws-sdk/client-ssm';
import { visibilityOf } from '../../lambdas/adapters/index.js';
import type { TenantConfig } from '../../lambdas/core/config/tenantConfig.js';
import type { Dependencies } from '../../lambdas/handlers/Dependencies.js';
import type { Environment } from '../../lambdas/handlers/wiring/environment.js';
import { joorClientsFor } from '../../lambdas/handlers/wiring/joorClients.js';
import { sesMailer } from '../../lambdas/handlers/wiring/mailer.js';
import { objectStoreOf } from '../../lambdas/handlers/wiring/objectStore.js';
import { queueSenders, sqsClient } from '../../lambdas/handlers/wiring/queues.js';
import { tenantLoader } from '../../lambdas/handlers/wiring/tenants.js';
import { keys, RUN_STARTING_PREFIXES } from '../../lambdas/pipeline/keys.js';
import { SES_CONFIGURATION_SET } from '../../lib/platform/tenantConventions.js';
import { createPipelineRuntime } from '../../tools/local/createPipelineRuntime.js';
import { createQueues, type PipelineQueues } from '../../tools/local/createQueues.js';
import type { LocalLambdaRuntime, SqsHandler } from '../../tools/local/LocalLambdaRuntime.js';

export interface AwsStack {
  endpoint: string;
  bucket: string;
  s3: S3Client;
  sqs: SQSClient;
  deps: Dependencies;
  queues: PipelineQueues;
  runtime: (wrap?: Partial<Record<'consumer', (handler: SqsHandler) => SqsHandler>>) => LocalLambdaRuntime;
  putTenant: (tenant: TenantConfig) => Promise<void>;
}

const CLIENT = { region: 'us-east-1', credentials: { accessKeyId: 'test', secretAccessKey: 'test' } };
/** Receives before a message goes to its dead-letter queue here, fewer than the stack's (never 1: SPEC §2.6). */
export const TEST_MAX_RECEIVES = 3;
/** Seconds before a message no handler answered comes back. */
const VISIBILITY_S = 2;

/**
 * The platform's S3, SQS, SES, Secrets Manager and SSM Parameter Store resources, created in moto under a fresh name, with the real
 * handlers wired to the queues as Lambda's event sources would be.
 */
export const createAwsStack = async (endpoint: string, name: string): Promise<AwsStack> => {
  for (const [key, value] of Object.entries({
    AWS_ENDPOINT_URL: endpoint,
    AWS_REGION: 'us-east-1',
    AWS_ACCESS_KEY_ID: 'test',
    AWS_SECRET_ACCESS_KEY: 'test',
    // The JOOR emulator answers on this machine: the functions' config loader lets loopback through (#35).
    JOOR_HOSTS: 'loopback',
  })) {
    process.env[key] = value;
  }
  const s3 = new S3Client({ ...CLIENT, endpoint, forcePathStyle: true });
  const sqs = new SQSClient({ ...CLIENT, endpoint });
  // As the platform has them (QUEUE_LAYOUT), with fewer receives (the stack's are 5 and more) and a failed message
  // back in seconds (the stack's visibility is 6× its function's time-out).
  const queues = await createQueues(sqs, {
    prefix: `${name}-`,
    visibilitySeconds: VISIBILITY_S,
    maxReceives: TEST_MAX_RECEIVES,
  });
  const bucket = name;
  await s3.send(new CreateBucketCommand({ Bucket: bucket }));
  await s3.send(
    new PutBucketVersioningCommand({ Bucket: bucket, VersioningConfiguration: { Status: 'Enabled' } }),
  );
  await s3.send(
    new PutBucketNotificationConfigurationCommand({
      Bucket: bucket,
      NotificationConfiguration: {
        QueueConfigurations: RUN_STARTING_PREFIXES.map((prefix) => ({
          QueueArn: queues.inbox.arn,
          Events: ['s3:ObjectCreated:*'],
          Filter: { Key: { FilterRules: [{ Name: 'prefix', Value: prefix }] } },
        })),
      },
    }),
  );
  await new SESv2Client({ ...CLIENT, endpoint }).send(
    new CreateEmailIdentityCommand({ EmailIdentity: 'sync@maison.example' }),
  );
  const deps = deployedDependencies({
    BUCKET_NAME: bucket,
    WORK_QUEUE_URL: queues.work.url,
    FINALIZE_QUEUE_URL: queues.finalize.url,
    INBOX_QUEUE_URL: queues.inbox.url,
    JOBS_QUEUE_URL: queues.jobs.url,
    SES_CONFIGURATION_SET,
    S3_FORCE_PATH_STYLE: 'true',
  });
  const secrets = new SecretsManagerClient({ ...CLIENT, endpoint });
  const parameters = new SSMClient({ ...CLIENT, endpoint });
  return {
    endpoint,
    bucket,
    s3,
    sqs,
    deps,
    queues,
    runtime: (wrap = {}) => createPipelineRuntime(sqs, queues, deps, { timeoutMs: 60_000, wrap }),
    putTenant: async (tenant) => {
      const credentials = JSON.stringify({ apiVersion: 'v2', token: 'emulator-v2-token' });
      // Where the tenant's config says its credentials are: an SSM SecureString parameter, or a secret.
      if (tenant.joor.credentialsParameter)
        await parameters.send(
          new PutParameterCommand({
            Name: tenant.joor.credentialsParameter,
            Type: 'SecureString',
            Value: credentials,
          }),
        );
      else
        await secrets.send(
          new CreateSecretCommand({ Name: tenant.joor.secretName!, SecretString: credentials }),
        );
      await s3.send(
        new PutObjectCommand({
          Bucket: bucket,
          Key: keys.tenantConfig(tenant.tenantId),
          Body: JSON.stringify(tenant),
        }),
      );
    },
  };
};

/** Every handler's dependencies, built by the same wiring the deployed functions use (the SDK finds moto by its
 * endpoint variable). */
const deployedDependencies = (env: Environment): Dependencies => {
  const store = objectStoreOf(env);
  const loadTenant = tenantLoader(store);
  const queues = queueSenders(
    env,
    'WORK_QUEUE_URL',
    'FINALIZE_QUEUE_URL',
    'INBOX_QUEUE_URL',
    'JOBS_QUEUE_URL',
  );
  return {
    store,
    loadTenant,
    workQueue: queues.WORK_QUEUE_URL,
    finalizeQueue: queues.FINALIZE_QUEUE_URL,
    inboxQueue: queues.INBOX_QUEUE_URL,
    jobsQueue: queues.JOBS_QUEUE_URL,
    deferWork: visibilityOf(sqsClient(), env.WORK_QUEUE_URL!),
    jobCheckTiming: { firstMs: 1_000, maxMs: 4_000 },
    mailer: sesMailer(env),
    joorFor: joorClientsFor(loadTenant),
  };
};

/** Sent mail as moto holds it: raw MIME messages. */
export const sentMail = async (endpoint: string): Promise<string[]> => {
  const data = (await (await fetch(`${endpoint}/moto-api/data.json`)).json()) as {
    ses?: { RawMessage?: { raw_data: string }[] };
  };
  // Header lines folded by the MIME composer are unfolded, so a test can read a whole Subject.
  return (data.ses?.RawMessage ?? []).map((m) => m.raw_data.replace(/\r\n[ \t]+/g, ' '));
};
