import { CloudFormationClient, DescribeStacksCommand } from '@aws-sdk/client-cloudformation';
import { S3Client } from '@aws-sdk/client-s3';
import { SQSClient } from '@aws-sdk/client-sqs';
import { S3ObjectStore } from '../../lambdas/adapters/index.js';
import { CustomerSyncError } from '../../lambdas/core/index.js';
import type { ObjectStore } from '../../lambdas/core/ports/index.js';
import { PLATFORM_OUTPUTS, QUEUE_NAMES, type QueueName } from '../../lib/platform/platformOutputs.js';

/** What an operator command cannot do, said so that the operator can act (printed without a stack trace). */
export class OperatorError extends CustomerSyncError {
  override name = 'OperatorError';
  readonly code = 'operator_input';
}

/** A platform as its stack's outputs describe it (or, for a local rehearsal, as the local platform made it). */
export interface Platform {
  /** The stack's name, or `local:<dir>` for a local rehearsal's folder. */
  stackName: string;
  bucket: string;
  queues: Record<QueueName, { url: string; deadLetterUrl: string }>;
}

/** The clients and the platform an operator command works on: a deployed stack, or a local rehearsal's folder. */
export interface Operator {
  platform: Platform;
  s3: S3Client;
  sqs: SQSClient;
  store: ObjectStore;
  /** True for a local rehearsal (`--state <dir>`): the pipeline runs on this machine, in `settle`. */
  local: boolean;
  /**
   * Starts the run of an object put under inbox/ by a command (replay): on AWS S3's own event does it; locally the
   * event is sent as S3 would send it (fauxqs has no bucket notifications).
   */
  announce: (key: string, versionId: string | undefined) => Promise<void>;
  /**
   * After a command that changed something: locally, the pipeline runs until its queues are idle (as `npm start`
   * does) and the folder is saved; on AWS nothing (the deployed functions run it).
   */
  settle: () => Promise<void>;
  /** Lets go of what the operator holds (the local emulators). */
  close: () => Promise<void>;
}

/** Where the operator commands work: `--stack <name>` (the default stack when neither is given) or `--state <dir>`. */
export interface Target {
  stack?: string;
  state?: string;
}

/**
 * The operator of the target: a local rehearsal's folder when `state` is given (loaded only then: the emulators
 * stay out of the commands against AWS), else the deployed stack.
 */
export const openOperator = async (target: Target, defaultStack: string): Promise<Operator> => {
  if (target.state !== undefined) {
    if (target.stack !== undefined)
      throw new OperatorError('Give --stack or --state, not both: one platform at a time');
    const { openLocalFolder } = await import('./LocalFolder.js');
    return openLocalFolder(target.state);
  }
  return connect(target.stack ?? defaultStack);
};

/**
 * Finds the platform by its stack name through CloudFormation's outputs (AWS SDK default credentials and region;
 * `AWS_ENDPOINT_URL` is honoured by the SDK, which is how the tests point it at moto).
 */
export const connect = async (stackName: string): Promise<Operator> => {
  const cfn = new CloudFormationClient({});
  let outputs: Record<string, string>;
  try {
    const { Stacks } = await cfn.send(new DescribeStacksCommand({ StackName: stackName }));
    outputs = Object.fromEntries((Stacks?.[0]?.Outputs ?? []).map((o) => [o.OutputKey!, o.OutputValue!]));
  } catch (error) {
    throw new OperatorError(
      `Cannot read the stack ${stackName} (${(error as Error).message}): check the AWS credentials and region, or name the stack with --stack`,
    );
  }
  const output = (key: string): string => {
    const value = outputs[key];
    if (!value)
      throw new OperatorError(`The stack ${stackName} has no output ${key}: deploy the platform again`);
    return value;
  };
  const platform: Platform = {
    stackName,
    bucket: output(PLATFORM_OUTPUTS.bucket),
    queues: Object.fromEntries(
      QUEUE_NAMES.map((name) => [
        name,
        {
          url: output(PLATFORM_OUTPUTS.queues[name].url),
          deadLetterUrl: output(PLATFORM_OUTPUTS.queues[name].deadLetterUrl),
        },
      ]),
    ) as Platform['queues'],
  };
  const s3 = new S3Client({ forcePathStyle: process.env.S3_FORCE_PATH_STYLE === 'true' });
  return {
    platform,
    s3,
    sqs: new SQSClient({}),
    store: new S3ObjectStore(s3, platform.bucket),
    local: false,
    // The bucket's notification sends the copy's event to the inbox queue.
    announce: async () => undefined,
    settle: async () => undefined,
    close: async () => undefined,
  };
};
