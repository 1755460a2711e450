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
import {
  SENDER_TAG,
  SES_CONFIGURATION_SET,
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
/**
 * Consumer invocations at once across all tenants. JOOR's limit is per account and the FIFO group keeps one batch per
 * tenant in flight, so this bounds parallel tenants, not any one tenant's speed.
 */
export const CONSUMER_MAX_CONCURRENCY = 10;
/** Job-check invocations at once across all tenants: each is one read of JOOR, and waits in no function. */
export const JOB_WATCHER_MAX_CONCURRENCY = 5;
/** The least SQS event sources allow. */
const MIN_MAX_CONCURRENCY = 2;

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

/**
 * The Lambdas (LAMBDA_RUNTIME's Node.js, arm64, bundled by esbuild, minified with source maps), each with its own role
 * that reaches only the prefixes and queues it uses (a dead-letter handler takes its function's), and their SQS
 * event sources.
 */
export class Functions extends Construct {
  readonly splitter: NodejsFunction;
  readonly consumer: NodejsFunction;
  readonly finalizer: NodejsFunction;
  readonly deadLetter: NodejsFunction;
  /** Closes runs whose splitter failed at every delivery (the inbox dead-letter queue), with the splitter's grants. */
  readonly inboxDeadLetter: NodejsFunction;
  /** Closes runs whose finalizer failed at every delivery (the finalize dead-letter queue), with its grants. */
  readonly finalizeDeadLetter: NodejsFunction;
  /** Asks JOOR about a run's jobs, from delayed messages of the job-check queue, with the consumer's grants. */
  readonly jobWatcher: NodejsFunction;
  /** Ends the runs whose job checks failed at every delivery (the job-check dead-letter queue), with its grants. */
  readonly jobsDeadLetter: NodejsFunction;
  /**
   * The complete-upload workflow's custom step (Sftp.ts): copies an upload from landing/ to inbox/ with its path
   * kept. It reads landing/ and writes inbox/ only, and answers its step.
   */
  readonly uploadCopy: NodejsFunction;

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
      NODE_OPTIONS: '--enable-source-maps',
      ...boundsEnvironment(props.bounds),
    };
    this.splitter = this.function('Splitter', 'splitter', TIMEOUTS.splitter, 2048, environment, {
      read: under('inbox', 'partial', 'config', 'state', 'runs'),
      write: under('runs', 'state'),
      delete: under('state'),
      list: under('state', 'runs'),
    });
    this.consumer = this.function('Consumer', 'consumer', TIMEOUTS.consumer, 512, environment, {
      read: under('config', 'runs'),
      write: under('runs'),
      list: under('runs'),
    });
    this.deadLetter = this.function('DeadLetter', 'deadLetter', TIMEOUTS.deadLetter, 256, environment, {
      read: under('runs'),
      write: under('runs'),
      list: under('runs'),
    });
    this.finalizer = this.function('Finalizer', 'finalizer', TIMEOUTS.finalizer, 1024, environment, {
      // processed/ and rejected/ too: archiving checks whether an earlier attempt already copied the file.
      read: under('config', 'runs', 'state', 'inbox', 'partial', 'processed', 'rejected'),
      write: under('runs', 'reports', 'state', 'processed', 'rejected'),
      delete: under('state'),
      deleteVersions: under('inbox', 'partial'),
      list: under('runs', 'state'),
    });
    this.inboxDeadLetter = this.function(
      'InboxDeadLetter',
      'inboxDeadLetter',
      TIMEOUTS.deadLetter,
      256,
      environment,
      {
        shareRoleOf: this.splitter,
      },
    );
    this.finalizeDeadLetter = this.function(
      'FinalizeDeadLetter',
      'finalizeDeadLetter',
      TIMEOUTS.finalizer,
      1024,
      environment,
      { shareRoleOf: this.finalizer },
    );
    // The job watcher does the consumer's work for a batch's job (JOOR's secret, the run's records): its role.
    this.jobWatcher = this.function('JobWatcher', 'jobWatcher', TIMEOUTS.jobWatcher, 512, environment, {
      shareRoleOf: this.consumer,
    });
    this.jobsDeadLetter = this.function(
      'JobsDeadLetter',
      'jobsDeadLetter',
      TIMEOUTS.deadLetter,
      256,
      environment,
      { shareRoleOf: this.deadLetter },
    );
    this.uploadCopy = this.function(
      'UploadCopy',
      'uploadCopy',
      TIMEOUTS.uploadCopy,
      256,
      environment,
      // inbox/ is read too: a retried copy looks at the copy it may have made (copyUpload.ts).
      { read: under('landing', 'inbox'), write: under('inbox') },
    );
    this.grantWorkflowAnswers(this.uploadCopy);
    this.grantTenantResources();
    queues.work.grantSendMessages(this.splitter);
    // The finalizer too: a digest of refused files that came before its interval ended is delayed again.
    for (const fn of [this.splitter, this.consumer, this.deadLetter, this.finalizer])
      queues.finalize.grantSendMessages(fn);
    for (const fn of [this.consumer, this.deadLetter]) queues.jobs.grantSendMessages(fn);
    queues.inbox.grantSendMessages(this.finalizer);

    this.splitter.addEventSource(
      new SqsEventSource(queues.inbox, {
        batchSize: 1,
        reportBatchItemFailures: true,
        maxConcurrency: MIN_MAX_CONCURRENCY,
      }),
    );
    // Up to ten batches of one tenant per invocation: the JOOR client sends them back to back.
    this.consumer.addEventSource(
      new SqsEventSource(queues.work, {
        batchSize: 10,
        reportBatchItemFailures: true,
        maxConcurrency: CONSUMER_MAX_CONCURRENCY,
      }),
    );
    // Up to ten job checks per invocation: each is one read of JOOR (two tenants' checks never wait on each other).
    this.jobWatcher.addEventSource(
      new SqsEventSource(queues.jobs, {
        batchSize: 10,
        reportBatchItemFailures: true,
        maxConcurrency: JOB_WATCHER_MAX_CONCURRENCY,
      }),
    );
    this.deadLetter.addEventSource(
      new SqsEventSource(queues.workDlq, {
        batchSize: 10,
        reportBatchItemFailures: true,
        maxConcurrency: MIN_MAX_CONCURRENCY,
      }),
    );
    for (const [fn, queue] of [
      [this.inboxDeadLetter, queues.inboxDlq],
      [this.finalizeDeadLetter, queues.finalizeDlq],
      [this.jobsDeadLetter, queues.jobsDlq],
    ] as const) {
      fn.addEventSource(
        new SqsEventSource(queue, {
          batchSize: 1,
          reportBatchItemFailures: true,
          maxConcurrency: MIN_MAX_CONCURRENCY,
        }),
      );
    }
    this.finalizer.addEventSource(
      new SqsEventSource(queues.finalize, {
        batchSize: 1,
        reportBatchItemFailures: true,
        maxConcurrency: MIN_MAX_CONCURRENCY,
      }),
    );
  }

  /**
   * Tenants' JOOR secrets (per tenant, by session tag) and SES senders, granted once by naming convention (lib/platform/tenantConventions.ts):
   * IAM's PutRolePolicy replaces a policy of the same name, so tenant stacks granting on these roles overwrote each
   * other, and a role's inline policies are capped at 10,240 characters (IAM quotas: about 38 tenants).
   */
  private grantTenantResources(): void {
    const stack = Stack.of(this);
    const secrets = `arn:${stack.partition}:secretsmanager:${stack.region}:${stack.account}:secret:${TENANT_SECRET_PREFIX}`;
    // The consumer reads a tenant's secret only through a session of this role tagged with that tenant: the role
    // may read `customer-sync/<tag>/*` alone (a policy variable, so one policy serves every tenant), so an invocation
    // serving tenant A cannot read tenant B's secret. Passing session tags needs sts:TagSession in the trust policy
    // (IAM User Guide, "Passing session tags in AWS STS"); a session without the tag matches no secret.
    // The trust requires the tag itself: a session without it, or with any other tag key, is refused at AssumeRole
    // rather than left to match no secret.
    const tenantSecrets = new Role(this, 'TenantSecretsRole', {
      assumedBy: new SessionTagsPrincipal(new ArnPrincipal(this.consumer.role!.roleArn)).withConditions({
        StringLike: { [`aws:RequestTag/${TENANT_SESSION_TAG}`]: '?*' },
        'ForAllValues:StringEquals': { 'aws:TagKeys': [TENANT_SESSION_TAG] },
      }),
      description: 'Reads the JOOR secret of the tenant named by the session tag only',
    });
    tenantSecrets.addToPolicy(
      new PolicyStatement({
        actions: ['secretsmanager:GetSecretValue', 'secretsmanager:DescribeSecret'],
        resources: [`${secrets}\${aws:PrincipalTag/${TENANT_SESSION_TAG}}/*`],
      }),
    );
    tenantSecrets.grant(this.consumer.role!, 'sts:AssumeRole', 'sts:TagSession');
    this.consumer.addEnvironment('TENANT_SECRETS_ROLE_ARN', tenantSecrets.roleArn);
    const ses = `arn:${stack.partition}:ses:${stack.region}:${stack.account}`;
    // Only as the senders' identities: the senders stack tags each (SES authorizes sending by resource tag), so no
    // other identity of the account, and no tenant stack, is involved.
    this.finalizer.addToRolePolicy(
      new PolicyStatement({
        actions: ['ses:SendEmail', 'ses:SendRawEmail'],
        resources: [`${ses}:identity/*`],
        conditions: { StringEquals: { [`aws:ResourceTag/${SENDER_TAG}`]: 'true' } },
      }),
    );
    this.finalizer.addToRolePolicy(
      new PolicyStatement({
        actions: ['ses:SendEmail', 'ses:SendRawEmail'],
        resources: [`${ses}:configuration-set/${SES_CONFIGURATION_SET}`],
      }),
    );
    acknowledgeWildcards(
      tenantSecrets,
      // cdk-nag spells the policy variable `<aws:PrincipalTag/tenant>`.
      [[`${secrets}<aws:PrincipalTag/${TENANT_SESSION_TAG}>/`, '*']],
      'The secrets of the one tenant the session is tagged with, named customer-sync/<tenant>/… by convention.',
    );
    acknowledgeWildcards(
      this.finalizer.role!,
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
    return [this.splitter, this.consumer, this.finalizer, this.deadLetter, this.uploadCopy].map(
      (fn) => fn.role!,
    );
  }

  get all(): IFunction[] {
    return [
      this.splitter,
      this.consumer,
      this.finalizer,
      this.deadLetter,
      this.inboxDeadLetter,
      this.finalizeDeadLetter,
      this.jobWatcher,
      this.jobsDeadLetter,
      this.uploadCopy,
    ];
  }

  private function(
    id: string,
    handler: HandlerName,
    timeout: Duration,
    memorySize: number,
    environment: Record<string, string>,
    access: Access | { shareRoleOf: NodejsFunction },
  ): NodejsFunction {
    const logGroup = new LogGroup(this, `${id}Logs`, {
      retention: this.props.logRetention,
      removalPolicy: RemovalPolicy.DESTROY,
    });
    // A dead-letter handler does what its function would have done: it takes that function's role (and so the grants
    // tenant stacks give it), plus its own log group.
    const shared = 'shareRoleOf' in access ? (access.shareRoleOf.role as Role) : undefined;
    const role =
      shared ?? new Role(this, `${id}Role`, { assumedBy: new ServicePrincipal('lambda.amazonaws.com') });
    role.addToPolicy(
      new PolicyStatement({
        actions: ['logs:CreateLogStream', 'logs:PutLogEvents'],
        resources: [`${logGroup.logGroupArn}:*`],
      }),
    );
    if ('shareRoleOf' in access) {
      acknowledgeWildcards(role, [[logGroup.logGroupArn, ':*']], 'Its own log streams.');
      return this.nodejsFunction(id, handler, timeout, memorySize, environment, role, logGroup);
    }
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
    return this.nodejsFunction(id, handler, timeout, memorySize, environment, role, logGroup);
  }

  private nodejsFunction(
    id: string,
    handler: HandlerName,
    timeout: Duration,
    memorySize: number,
    environment: Record<string, string>,
    role: Role,
    logGroup: LogGroup,
  ): NodejsFunction {
    // X-Ray's PutTraceSegments and PutTelemetryRecords take no resource ARN: `*` is the only form (X-Ray's IAM page).
    acknowledgeWildcards(
      role,
      [['', '*']],
      'X-Ray trace segments, which have no resource-level permissions.',
    );
    const fn = new NodejsFunction(this, id, {
      entry: handlerEntry(handler),
      handler: 'handler',
      projectRoot: PROJECT_ROOT,
      depsLockFilePath: `${PROJECT_ROOT}package-lock.json`,
      runtime: LAMBDA_RUNTIME,
      architecture: Architecture.ARM_64,
      memorySize,
      timeout,
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
