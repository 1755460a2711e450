import { fileURLToPath } from 'node:url';
import { CloudFormationClient, CreateStackCommand } from '@aws-sdk/client-cloudformation';
import { PutObjectCommand } from '@aws-sdk/client-s3';
import { CreateSecretCommand, SecretsManagerClient } from '@aws-sdk/client-secrets-manager';
import { expect } from 'vitest';
import type { TenantConfig } from '../../lambdas/core/config/tenantConfig.js';
import type { Customer } from '../../lambdas/core/types.js';
import type { Dependencies } from '../../lambdas/handlers/index.js';
import { ERASURE_SECRET_OUTPUT } from '../../lib/platform/erasureRecords.js';
import { type OperatorResource, operatorKeyUse } from '../../lib/platform/operatorActions.js';
import { PLATFORM_OUTPUTS, QUEUE_NAMES } from '../../lib/platform/platformOutputs.js';
import { createPipelineRuntime, type WrappableSource } from '../../tools/local/createPipelineRuntime.js';
import type { LocalLambdaRuntime, SqsHandler } from '../../tools/local/LocalLambdaRuntime.js';
import { findMoto } from '../setup/findMoto.js';
import { startMoto } from '../setup/motoServer.js';
import { type AwsStack, createAwsStack } from './awsStack.js';
import { type JoorHarness, startJoor } from './joor.js';
import { type RecordingProxy, startRecordingProxy } from './recordingProxy.js';
import { type CliResult, runCli } from './runCli.js';
import { writeCustomerFile } from './writeCustomerFile.js';

const ROOT = fileURLToPath(new URL('../../', import.meta.url));

/** What the runtime of a deploy changes: the handlers' ports (`deps`), and a handler in front of a queue (`wrap`). */
export interface Deploy {
  deps?: Partial<Dependencies>;
  wrap?: Partial<Record<WrappableSource, (handler: SqsHandler) => SqsHandler>>;
}

/**
 * A platform as an operator meets it, over a moto of the test file's own (another file's tests may reset the shared
 * one): the stack's bucket and queues, each queue with its dead-letter queue and the platform's redrive policy, the
 * stack's outputs in CloudFormation (the commands find the platform by its name), the tenants' configs and
 * secrets, and a JOOR emulator. The commands reach AWS through a proxy that records each call as an IAM action.
 */
export const startOperatorPlatform = async (options: {
  /** The stack's name starts with it. */
  name: string;
  tenants: string[];
  /** More environment for the commands (JOOR_API_TOKEN for `erase --in-joor`, say). */
  cliEnv?: Record<string, string>;
}) => {
  const found = findMoto(ROOT);
  if ('unavailable' in found) throw new Error(found.unavailable);
  const { endpoint, moto } = await startMoto(found.python);
  const stackName = `${options.name}-${Date.now()}`;
  const joor: JoorHarness = await startJoor();
  const proxy: RecordingProxy = await startRecordingProxy(endpoint);
  const stack: AwsStack = await createAwsStack(endpoint, stackName);
  // The stack's queues, each with its dead-letter queue and the platform's redrive policy (fewer receives).
  const { queues } = stack;
  // The platform stack as CloudFormation describes it: the commands read nothing but these outputs (the queues
  // reached through the recording proxy, as the commands' other calls are).
  const viaProxy = (url: string) => url.replace(endpoint, proxy.endpoint);
  // The platform's key of erase's records (ErasureSecret), as the stack generates it.
  const erasureSecret = `erasure-key-${Date.now()}`;
  const { ARN: erasureSecretArn } = await new SecretsManagerClient({
    region: 'us-east-1',
    endpoint,
    credentials: { accessKeyId: 'test', secretAccessKey: 'test' },
  }).send(new CreateSecretCommand({ Name: `${stackName}-erasure`, SecretString: erasureSecret }));
  const outputs = {
    [ERASURE_SECRET_OUTPUT]: erasureSecretArn!,
    [PLATFORM_OUTPUTS.bucket]: stack.bucket,
    [PLATFORM_OUTPUTS.queues.inbox.url]: viaProxy(queues.inbox.url),
    [PLATFORM_OUTPUTS.queues.inbox.deadLetterUrl]: viaProxy(queues.inboxDlq.url),
    [PLATFORM_OUTPUTS.queues.work.url]: viaProxy(queues.work.url),
    [PLATFORM_OUTPUTS.queues.work.deadLetterUrl]: viaProxy(queues.workDlq.url),
    [PLATFORM_OUTPUTS.queues.finalize.url]: viaProxy(queues.finalize.url),
    [PLATFORM_OUTPUTS.queues.finalize.deadLetterUrl]: viaProxy(queues.finalizeDlq.url),
  };
  // What each queue is to an operator: a pipeline queue or its dead-letter queue, by the name the commands use.
  const queueResources = new Map<string, OperatorResource>(
    QUEUE_NAMES.flatMap((name) => {
      return [
        [viaProxy(queues[name].url), `queue:${name}`],
        [viaProxy(queues[`${name}Dlq`].url), `dead-letter-queue:${name}`],
      ] as [string, OperatorResource][];
    }),
  );
  /** A recorded call (`<action> <key, queue URL or stack>`) as a permission of the operators' policy. */
  const permissionOf = (call: string): string => {
    const [action, resource = ''] = call.split(' ') as [string, string?];
    if (action.startsWith('cloudformation:')) return `${action} stack`;
    // The one secret the commands read: erase's HMAC key (ErasureSecret), by its ARN or name.
    if (action.startsWith('secretsmanager:'))
      return `${action} ${resource === erasureSecretArn || resource === `${stackName}-erasure` ? 'erasure-secret' : `unknown secret ${resource}`}`;
    if (action.startsWith('sqs:'))
      return `${action} ${queueResources.get(resource) ?? `unknown queue ${resource}`}`;
    if (resource === '') return `${action} bucket`;
    return `${action} objects:${resource.slice(0, resource.indexOf('/') + 1)}`;
  };
  await new CloudFormationClient({
    region: 'us-east-1',
    endpoint,
    credentials: { accessKeyId: 'test', secretAccessKey: 'test' },
  }).send(
    new CreateStackCommand({
      StackName: stackName,
      TemplateBody: JSON.stringify({
        Resources: { Marker: { Type: 'AWS::SNS::Topic', Properties: {} } },
        Outputs: Object.fromEntries(Object.entries(outputs).map(([key, value]) => [key, { Value: value }])),
      }),
    }),
  );
  const tenantConfig = (tenantId: string): TenantConfig => ({
    ...joor.tenant,
    tenantId,
    displayName: tenantId,
    joor: { ...joor.tenant.joor, secretName: `customer-sync/${tenantId}/joor` },
    report: {
      recipients: [`erp@${tenantId}.example`],
      sender: 'sync@maison.example',
      bodyRowLimit: 50,
      timeZone: 'UTC',
    },
  });
  for (const tenant of options.tenants) await stack.putTenant(tenantConfig(tenant));

  /** The environment of an operator's shell: default credentials and region, AWS reached through the proxy. */
  const env = {
    ...process.env,
    AWS_ENDPOINT_URL: proxy.endpoint,
    AWS_REGION: 'us-east-1',
    AWS_ACCESS_KEY_ID: 'test',
    AWS_SECRET_ACCESS_KEY: 'test',
    S3_FORCE_PATH_STYLE: 'true',
    ...options.cliEnv,
  };
  /** `customer-sync <args> --stack <the stack>`, as an operator runs it. */
  const cli = (...args: string[]): Promise<CliResult> => runCli([...args, '--stack', stackName], env);
  /** The same with --json: its answer, which must come with nothing on stderr. */
  const json = async (...args: string[]) => {
    const result = await cli(...args, '--json');
    expect(result.stderr, result.stderr).toBe('');
    return JSON.parse(result.stdout);
  };
  /** The tenant's newest run, as `runs --tenant <tenant> --limit 1 --json` lists it. */
  const newestRun = async (tenant: string) =>
    (await json('runs', '--tenant', tenant, '--limit', '1')).runs[0];
  return {
    endpoint,
    stackName,
    stack,
    joor,
    proxy,
    queues,
    env,
    tenantConfig,
    /** The key of erase's records, as the platform's secret holds it. */
    erasureSecret,
    cli,
    json,
    newestRun,
    /**
     * Every `<action> <resource>` the commands have called so far, named as the operators' policy names them
     * (OPERATOR_GRANTS), with what the data key must allow for them.
     */
    permissionsUsed: (): Set<string> => {
      const used = [...proxy.calls].map(permissionOf);
      return new Set([...used, ...operatorKeyUse(used)]);
    },
    /** A file of the tenant's in inbox/, as the SFTP upload's workflow puts it there (its S3 event follows). */
    upload: (tenant: string, name: string, body: string | Customer[]) =>
      stack.s3.send(
        new PutObjectCommand({
          Bucket: stack.bucket,
          Key: `inbox/${tenant}/${name}`,
          Body:
            typeof body === 'string'
              ? body
              : writeCustomerFile(body, { layout: 'address-rows', delimiter: '|', header: true }),
        }),
      ),
    /** The platform's functions, every dead-letter handler included, as a deploy leaves them (see Deploy). */
    deploy: (faults: Deploy = {}): LocalLambdaRuntime =>
      createPipelineRuntime(
        stack.sqs,
        queues,
        { ...stack.deps, ...faults.deps },
        { timeoutMs: 60_000, ...(faults.wrap ? { wrap: faults.wrap } : {}) },
      ),
    stop: async () => {
      await joor.stop();
      await proxy.stop();
      moto.kill();
    },
  };
};

export type OperatorPlatform = Awaited<ReturnType<typeof startOperatorPlatform>>;

/** Runs the functions until every queue has been idle a while. */
export const settle = (runtime: LocalLambdaRuntime): Promise<void> =>
  runtime.runUntilIdle({ timeoutMs: 60_000 });

/** Polls the queues into the handlers until `done`: the runtime is never idle while a handler keeps failing. */
export const pollUntil = async (
  runtime: LocalLambdaRuntime,
  done: () => boolean | Promise<boolean>,
  timeoutMs = 60_000,
): Promise<void> => {
  const until = Date.now() + timeoutMs;
  while (!(await done())) {
    if (Date.now() > until) throw new Error(`Not done after ${timeoutMs} ms`);
    if ((await runtime.pollOnce()) === 0) await new Promise((resolve) => setTimeout(resolve, 100));
  }
};
