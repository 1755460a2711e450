import { Duration, RemovalPolicy, Stack, Validations } from 'aws-cdk-lib';
import {
  ArnPrincipal,
  Effect,
  type IRole,
  PolicyStatement,
  Role,
  ServicePrincipal,
  SessionTagsPrincipal,
} from 'aws-cdk-lib/aws-iam';
import { Architecture, type IFunction, Tracing } from 'aws-cdk-lib/aws-lambda';
import { SqsEventSource } from 'aws-cdk-lib/aws-lambda-event-sources';
import { NodejsFunction } from 'aws-cdk-lib/aws-lambda-nodejs';
import { LogGroup, type RetentionDays } from 'aws-cdk-lib/aws-logs';
import type { Bucket } from 'aws-cdk-lib/aws-s3';
import { Construct } from 'constructs';
import { boundsEnvironment, PREFIXES, type TenantBounds } from '../../lambdas/pipeline/index.js';
import { acknowledgeWildcards } from '../acknowledgeWildcards.js';
import {
  type HandlerName,
  handlerEntry,
  LAMBDA_BUNDLING,
  LAMBDA_NODE_MAJOR,
  LAMBDA_RUNTIME,
  PROJECT_ROOT,
} from './bundling.js';
import type { Queues } from './Queues.js';
import { PIPELINE_QUEUES, type PipelineQueue, QUEUE_LAYOUT, type QueueReader } from './queueLayout.js';
import {
  SENDER_TAG,
  SES_CONFIGURATION_SET,
  TENANT_PARAMETER_PREFIX,
  TENANT_SECRET_PREFIX,
  TENANT_SESSION_TAG,
} from './tenantConventions.js';

/** Time-outs per function: the consumer's bounds a JOOR batch (the client keeps a margin before it). */
export const TIMEOUTS = {
  splitter: Duration.minutes(15),
  consumer: Duration.minutes(5),
  /** One look at a run's jobs (two minutes leave room for `jobResults: each`, a read per job). */
  jobWatcher: Duration.minutes(2),
  finalizer: Duration.minutes(5),
  deadLetter: Duration.minutes(1),
  /** One S3 copy within the bucket and one answer to Transfer Family. */
  uploadCopy: Duration.minutes(1),
};

export interface FunctionsProps {
  bucket: Bucket;
  queues: Queues;
  logRetention: RetentionDays;
  /** `platform.json`'s bounds per tenant, given to the functions as BOUND_… variables. */
  bounds: TenantBounds;
}

/** The keys under some of the bucket's prefixes, as IAM resource patterns. */
const under = (...names: (keyof typeof PREFIXES)[]): string[] => names.map((name) => `${PREFIXES[name]}*`);

/** Object prefixes a function reads, writes, deletes (versions: deletes one version for good) and lists. */
type Access = {
  read?: string[];
  write?: string[];
  delete?: string[];
  deleteVersions?: string[];
  list?: string[];
};

/** The functions whose role is their own; the others take one of theirs. */
type RoleOwner = 'splitter' | 'consumer' | 'finalizer' | 'deadLetter' | 'uploadCopy';

interface FunctionLayout {
  timeout: Duration;
  memorySize: number;
  /**
   * Its own role with these grants, or the role of the function whose work it finishes: a dead-letter handler does
   * what its function would have done, so it takes that function's role (and the grants tenant stacks give it).
   */
  access: Access | { shareRoleOf: RoleOwner };
  /** The queues it sends messages to (the queues it reads are QUEUE_LAYOUT's). */
  sendsTo?: PipelineQueue[];
}

/** Every function, by the file of its handler: how long and large it runs, what it may touch. */
export const FUNCTION_LAYOUT: Record<HandlerName, FunctionLayout> = {
  splitter: {
    timeout: TIMEOUTS.splitter,
    memorySize: 2048,
    access: {
      read: under('inbox', 'partial', 'config', 'state', 'runs'),
      write: under('runs', 'state'),
      delete: under('state'),
      list: under('state', 'runs'),
    },
    sendsTo: ['work', 'finalize'],
  },
  consumer: {
    timeout: TIMEOUTS.consumer,
    memorySize: 512,
    access: { read: under('config', 'runs'), write: under('runs'), list: under('runs') },
    sendsTo: ['finalize', 'jobs'],
  },
  deadLetter: {
    timeout: TIMEOUTS.deadLetter,
    memorySize: 256,
    access: { read: under('runs'), write: under('runs'), list: under('runs') },
    sendsTo: ['finalize', 'jobs'],
  },
  finalizer: {
    timeout: TIMEOUTS.finalizer,
    memorySize: 1024,
    access: {
      // processed/ and rejected/ too: archiving checks whether an earlier attempt already copied the file.
      read: under('config', 'runs', 'state', 'inbox', 'partial', 'processed', 'rejected'),
      write: under('runs', 'reports', 'state', 'processed', 'rejected'),
      delete: under('state'),
      deleteVersions: under('inbox', 'partial'),
      list: under('runs', 'state'),
    },
    // Finalize too: a digest of refused files that came before its interval ended is delayed again.
    sendsTo: ['finalize', 'inbox'],
  },
  /** Closes runs whose splitter failed at every delivery (the inbox dead-letter queue). */
  inboxDeadLetter: { timeout: TIMEOUTS.deadLetter, memorySize: 256, access: { shareRoleOf: 'splitter' } },
  /** Closes runs whose finalizer failed at every delivery (the finalize dead-letter queue). */
  finalizeDeadLetter: { timeout: TIMEOUTS.finalizer, memorySize: 1024, access: { shareRoleOf: 'finalizer' } },
  /** Asks JOOR about a run's jobs: the consumer's work for a batch's job (JOOR's secret, the run's records). */
  jobWatcher: { timeout: TIMEOUTS.jobWatcher, memorySize: 512, access: { shareRoleOf: 'consumer' } },
  /** Ends the runs whose job checks failed at every delivery (the job-check dead-letter queue). */
  jobsDeadLetter: { timeout: TIMEOUTS.deadLetter, memorySize: 256, access: { shareRoleOf: 'deadLetter' } },
  /**
   * The complete-upload workflow's custom step (Sftp.ts): copies an upload from landing/ to inbox/ with its path
   * kept. inbox/ is read too: a retried copy looks at the copy it may have made (copyUpload.ts).
   */
  uploadCopy: {
    timeout: TIMEOUTS.uploadCopy,
    memorySize: 256,
    access: { read: under('landing', 'inbox'), write: under('inbox') },
  },
};

/** The time-out of each function that reads a queue: its queue's visibility follows it (Queues.ts). */
export const READER_TIMEOUTS: Record<QueueReader, Duration> = Object.fromEntries(
  Object.entries(FUNCTION_LAYOUT).map(([name, layout]) => [name, layout.timeout]),
) as Record<QueueReader, Duration>;

/** `Splitter` for `splitter`: the construct id of a function, its log group (`…Logs`) and its role (`…Role`). */
const constructId = (name: HandlerName): string => name.charAt(0).toUpperCase() + name.slice(1);

/**
 * The Lambdas of FUNCTION_LAYOUT (LAMBDA_RUNTIME's Node.js, arm64, bundled by esbuild, minified with source maps),
 * each with its own role that reaches only the prefixes and queues it uses (a dead-letter handler takes its
 * function's), and the SQS event sources of QUEUE_LAYOUT.
 */
export class Functions extends Construct {
  readonly byName: Record<HandlerName, NodejsFunction>;

  constructor(
    scope: Construct,
    id: string,
    private readonly props: FunctionsProps,
  ) {
    super(scope, id);
    const { queues } = props;
    const environment = {
      BUCKET_NAME: props.bucket.bucketName,
      WORK_QUEUE_URL: queues.work.queueUrl,
      FINALIZE_QUEUE_URL: queues.finalize.queueUrl,
      INBOX_QUEUE_URL: queues.inbox.queueUrl,
      JOBS_QUEUE_URL: queues.jobs.queueUrl,
      // Every report is sent under it (SesMailer): TLS required, bounces to the operators.
      SES_CONFIGURATION_SET,
      NODE_OPTIONS: '--enable-source-maps',
      ...boundsEnvironment(props.bounds),
    };
    // Role owners first: the functions that share a role need it made.
    const names = Object.keys(FUNCTION_LAYOUT) as HandlerName[];
    const ownsRole = (name: HandlerName) => !('shareRoleOf' in FUNCTION_LAYOUT[name].access);
    const made = {} as Record<HandlerName, NodejsFunction>;
    for (const name of [...names.filter(ownsRole), ...names.filter((n) => !ownsRole(n))])
      made[name] = this.function(name, environment, made);
    this.byName = made;
    for (const [name, layout] of Object.entries(FUNCTION_LAYOUT))
      for (const queue of layout.sendsTo ?? [])
        queues.pairs[queue].queue.grantSendMessages(made[name as HandlerName]);
    for (const name of PIPELINE_QUEUES) {
      const { source, deadLetterSource } = QUEUE_LAYOUT[name];
      const { queue, deadLetters } = queues.pairs[name];
      for (const [from, layout] of [
        [queue, source],
        [deadLetters, deadLetterSource],
      ] as const)
        made[layout.reader].addEventSource(
          new SqsEventSource(from, {
            batchSize: layout.batchSize,
            reportBatchItemFailures: true,
            maxConcurrency: layout.maxConcurrency,
          }),
        );
    }
    this.grantWorkflowAnswers(made.uploadCopy);
    this.grantTenantResources();
  }

  get uploadCopy(): NodejsFunction {
    return this.byName.uploadCopy;
  }

  /**
   * Tenants' JOOR secrets (per tenant, by session tag) and SES senders, granted once by naming convention (lib/platform/tenantConventions.ts):
   * IAM's PutRolePolicy replaces a policy of the same name, so tenant stacks granting on these roles overwrote each
   * other, and a role's inline policies are capped at 10,240 characters (IAM quotas: about 38 tenants).
   */
  private grantTenantResources(): void {
    const { consumer, finalizer } = this.byName;
    const stack = Stack.of(this);
    const secrets = `arn:${stack.partition}:secretsmanager:${stack.region}:${stack.account}:secret:${TENANT_SECRET_PREFIX}`;
    // The consumer reads a tenant's secret only through a session of this role tagged with that tenant: the role
    // may read `customer-sync/<tag>/*` alone (a policy variable, so one policy serves every tenant), so an invocation
    // serving tenant A cannot read tenant B's secret. Passing session tags needs sts:TagSession in the trust policy
    // (IAM User Guide, "Passing session tags in AWS STS"); a session without the tag matches no secret.
    // The trust requires the tag itself: a session without it, or with any other tag key, is refused at AssumeRole
    // rather than left to match no secret.
    const tenantSecrets = new Role(this, 'TenantSecretsRole', {
      assumedBy: new SessionTagsPrincipal(new ArnPrincipal(consumer.role!.roleArn)).withConditions({
        StringLike: { [`aws:RequestTag/${TENANT_SESSION_TAG}`]: '?*' },
        'ForAllValues:StringEquals': { 'aws:TagKeys': [TENANT_SESSION_TAG] },
      }),
      description: 'Reads the JOOR secret or parameter of the tenant named by the session tag only',
    });
    tenantSecrets.addToPolicy(
      new PolicyStatement({
        actions: ['secretsmanager:GetSecretValue', 'secretsmanager:DescribeSecret'],
        resources: [`${secrets}\${aws:PrincipalTag/${TENANT_SESSION_TAG}}/*`],
      }),
    );
    // Or the tenant's SSM SecureString parameter, under the same tag (docs/deploy.md, "JOOR credentials"). SSM decrypts
    // it with the account's AWS managed key aws/ssm, whose key policy admits the account's principals through SSM.
    const parameters = `arn:${stack.partition}:ssm:${stack.region}:${stack.account}:parameter${TENANT_PARAMETER_PREFIX}`;
    tenantSecrets.addToPolicy(
      new PolicyStatement({
        actions: ['ssm:GetParameter'],
        resources: [`${parameters}\${aws:PrincipalTag/${TENANT_SESSION_TAG}}/*`],
      }),
    );
    tenantSecrets.grant(consumer.role!, 'sts:AssumeRole', 'sts:TagSession');
    consumer.addEnvironment('TENANT_SECRETS_ROLE_ARN', tenantSecrets.roleArn);
    const ses = `arn:${stack.partition}:ses:${stack.region}:${stack.account}`;
    // Only as the senders' identities: the senders stack tags each (SES authorizes sending by resource tag), so no
    // other identity of the account, and no tenant stack, is involved.
    finalizer.addToRolePolicy(
      new PolicyStatement({
        actions: ['ses:SendEmail', 'ses:SendRawEmail'],
        resources: [`${ses}:identity/*`],
        conditions: { StringEquals: { [`aws:ResourceTag/${SENDER_TAG}`]: 'true' } },
      }),
    );
    finalizer.addToRolePolicy(
      new PolicyStatement({
        actions: ['ses:SendEmail', 'ses:SendRawEmail'],
        resources: [`${ses}:configuration-set/${SES_CONFIGURATION_SET}`],
      }),
    );
    acknowledgeWildcards(
      tenantSecrets,
      // cdk-nag spells the policy variable `<aws:PrincipalTag/tenant>`.
      [
        [`${secrets}<aws:PrincipalTag/${TENANT_SESSION_TAG}>/`, '*'],
        [`${parameters}<aws:PrincipalTag/${TENANT_SESSION_TAG}>/`, '*'],
      ],
      'The secrets and SSM parameters of the one tenant the session is tagged with, named customer-sync/<tenant>/… and /customer-sync/tenants/<tenant>/… by convention.',
    );
    acknowledgeWildcards(
      finalizer.role!,
      [[`${ses}:identity/`, '*']],
      'The SES identities tenants send their reports from, created and tagged by the senders stack: only tagged ones (a condition), granted once here so that no tenant stack changes this role.',
    );
  }

  /**
   * SendWorkflowStepState on the account's Transfer workflows: the workflow names this function as its step's target,
   * so naming the workflow here would make each wait on the other.
   */
  private grantWorkflowAnswers(fn: NodejsFunction): void {
    const stack = Stack.of(this);
    const workflows = `arn:${stack.partition}:transfer:${stack.region}:${stack.account}:workflow/`;
    fn.addToRolePolicy(
      new PolicyStatement({ actions: ['transfer:SendWorkflowStepState'], resources: [`${workflows}*`] }),
    );
    acknowledgeWildcards(
      fn.role!,
      [[workflows, '*']],
      'The account’s Transfer Family workflows, whose custom steps this function answers (the workflow names the function, so the function cannot name it).',
    );
  }

  /** Every role the functions run as (the dead-letter handlers share their functions'): the data key names them. */
  get roles(): IRole[] {
    return Object.entries(FUNCTION_LAYOUT)
      .filter(([, layout]) => !('shareRoleOf' in layout.access))
      .map(([name]) => this.byName[name as HandlerName].role!);
  }

  get all(): IFunction[] {
    return Object.values(this.byName);
  }

  private function(
    name: HandlerName,
    environment: Record<string, string>,
    made: Partial<Record<HandlerName, NodejsFunction>>,
  ): NodejsFunction {
    const id = constructId(name);
    const { access } = FUNCTION_LAYOUT[name];
    const logGroup = new LogGroup(this, `${id}Logs`, {
      retention: this.props.logRetention,
      removalPolicy: RemovalPolicy.DESTROY,
    });
    const shared = 'shareRoleOf' in access ? (made[access.shareRoleOf]!.role as Role) : undefined;
    const role =
      shared ?? new Role(this, `${id}Role`, { assumedBy: new ServicePrincipal('lambda.amazonaws.com') });
    role.addToPolicy(
      new PolicyStatement({
        actions: ['logs:CreateLogStream', 'logs:PutLogEvents'],
        resources: [`${logGroup.logGroupArn}:*`],
      }),
    );
    if ('shareRoleOf' in access)
      acknowledgeWildcards(role, [[logGroup.logGroupArn, ':*']], 'Its own log streams.');
    else {
      this.grantBucket(role, access);
      const prefixes = [
        ...new Set([...(access.read ?? []), ...(access.write ?? []), ...(access.delete ?? [])]),
      ];
      acknowledgeWildcards(
        role,
        [
          [logGroup.logGroupArn, ':*'],
          ...prefixes.map((prefix): [string, string] => [this.props.bucket.bucketArn, `/${prefix}`]),
        ],
        'Object keys under the prefixes this function owns (each run, report and state object has its own key), and its own log streams.',
      );
    }
    // X-Ray's PutTraceSegments and PutTelemetryRecords take no resource ARN: `*` is the only form (X-Ray's IAM page).
    acknowledgeWildcards(
      role,
      [['', '*']],
      'X-Ray trace segments, which have no resource-level permissions.',
    );
    const fn = new NodejsFunction(this, id, {
      entry: handlerEntry(name),
      handler: 'handler',
      projectRoot: PROJECT_ROOT,
      depsLockFilePath: `${PROJECT_ROOT}package-lock.json`,
      runtime: LAMBDA_RUNTIME,
      architecture: Architecture.ARM_64,
      memorySize: FUNCTION_LAYOUT[name].memorySize,
      timeout: FUNCTION_LAYOUT[name].timeout,
      role,
      logGroup,
      environment,
      bundling: LAMBDA_BUNDLING,
      // X-Ray for Powertools Tracer (handlers/sqsHandler.ts): traces annotated with the tenant.
      tracing: Tracing.ACTIVE,
    });
    Validations.of(fn).acknowledge({
      id: 'AwsSolutions-L1',
      reason: `Node.js ${LAMBDA_NODE_MAJOR} (LAMBDA_RUNTIME), a supported runtime and the one the tests, the benchmarks and the npm scripts run on (the node devDependency of the same major), so that what is measured is what runs; both move together.`,
    });
    return fn;
  }

  private grantBucket(role: Role, access: Access): void {
    const { bucket } = this.props;
    const objects = (prefixes: string[] = []) => prefixes.map((prefix) => bucket.arnForObjects(prefix));
    const statement = (actions: string[], prefixes?: string[]) => {
      if (!prefixes?.length) return;
      role.addToPolicy(new PolicyStatement({ effect: Effect.ALLOW, actions, resources: objects(prefixes) }));
    };
    statement(['s3:GetObject', 's3:GetObjectVersion'], access.read);
    statement(['s3:PutObject'], access.write);
    statement(['s3:DeleteObject'], access.delete);
    statement(['s3:DeleteObject', 's3:DeleteObjectVersion'], access.deleteVersions);
    if (access.list?.length) {
      role.addToPolicy(
        new PolicyStatement({
          actions: ['s3:ListBucket'],
          resources: [bucket.bucketArn],
          conditions: { StringLike: { 's3:prefix': access.list } },
        }),
      );
    }
  }
}
