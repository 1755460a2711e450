import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { App, Stack } from 'aws-cdk-lib';
import { Match, Template } from 'aws-cdk-lib/assertions';
import { PolicyStatement, Role, ServicePrincipal } from 'aws-cdk-lib/aws-iam';
import { beforeAll, describe, expect, it } from 'vitest';
import { buildApp } from '../../bin/app.js';
import {
  BOUND_VARIABLES,
  boundsFromEnvironment,
  DEFAULT_TENANT_BOUNDS,
  FINALIZE_LEASE_MS,
  keys,
  SPLIT_LEASE_MS,
} from '../../lambdas/pipeline/index.js';
import { HANDLERS, LAMBDA_RUNTIME } from '../../lib/platform/bundling.js';
import { TIMEOUTS } from '../../lib/platform/Functions.js';
import { RUNBOOK_SECTIONS } from '../../lib/platform/Monitoring.js';
import { parsePlatformSettings } from '../../lib/platform/platformSettings.js';
import {
  MAX_RECEIVES,
  QUEUE_LAYOUT,
  VISIBILITY_PER_TIMEOUT,
  WORK_MAX_RECEIVES,
} from '../../lib/platform/queueLayout.js';
import { SECURITY_POLICY } from '../../lib/platform/Sftp.js';
import {
  PLATFORM_PARAMETERS,
  SENDER_TENANTS_TAG,
  SES_CONFIGURATION_SET,
  TENANT_SECRET_PREFIX,
} from '../../lib/platform/tenantConventions.js';

/** Unit tests synthesize without bundling the Lambdas (esbuild runs in `cdk synth` and the bundle benchmark). */
const newApp = () =>
  new App({
    context: {
      'aws:cdk:bundling-stacks': [],
      '@aws-cdk/core:defaultCrossStackReferences': 'strong',
      includeSamples: 'true',
    },
    outdir: mkdtempSync(join(tmpdir(), 'cdk-')),
  });

let platform: Template;
let tenant: Template;

beforeAll(() => {
  const app = buildApp(newApp());
  // cdk-nag's AwsSolutions checks run in synth and fail it on any unacknowledged finding.
  app.synth();
  platform = Template.fromStack(app.node.findChild('CustomerSyncPlatform') as Stack);
  tenant = Template.fromStack(app.node.findChild('CustomerSyncTenant-maison-sample') as Stack);
}, 120_000);

interface CfnResource {
  Type: string;
  Properties: Record<string, unknown>;
}

describe('the CDK app', () => {
  it('passes cdk-nag’s AwsSolutions pack, and a wildcard nobody acknowledged fails the synth', () => {
    const app = buildApp(newApp());
    const role = new Role(app.node.findChild('CustomerSyncPlatform'), 'Careless', {
      assumedBy: new ServicePrincipal('lambda.amazonaws.com'),
    });
    role.addToPolicy(new PolicyStatement({ actions: ['s3:*'], resources: ['*'] }));
    expect(() => app.synth()).toThrow(/AwsSolutions-IAM5/);
  });

  it('leaves the sample tenant out unless it is asked for, so cdk deploy --all cannot deploy it (#12)', () => {
    const bare = new App({
      context: { 'aws:cdk:bundling-stacks': [] },
      outdir: mkdtempSync(join(tmpdir(), 'cdk-')),
    });
    expect(buildApp(bare).node.children.map((c) => c.node.id)).toEqual(['CustomerSyncPlatform']);
    const named = new App({
      context: { 'aws:cdk:bundling-stacks': [], tenant: 'maison-sample' },
      outdir: mkdtempSync(join(tmpdir(), 'cdk-')),
    });
    expect(buildApp(named).node.children.map((c) => c.node.id)).toContain('CustomerSyncTenant-maison-sample');
  });
});

describe('platform stack', () => {
  it('keeps the bucket private, encrypted, TLS-only, versioned and logged, with a lifecycle per prefix', () => {
    platform.hasResourceProperties('AWS::S3::Bucket', {
      BucketName: Match.anyValue(),
      VersioningConfiguration: { Status: 'Enabled' },
      PublicAccessBlockConfiguration: {
        BlockPublicAcls: true,
        BlockPublicPolicy: true,
        IgnorePublicAcls: true,
        RestrictPublicBuckets: true,
      },
      BucketEncryption: Match.objectLike({
        ServerSideEncryptionConfiguration: [
          Match.objectLike({
            ServerSideEncryptionByDefault: Match.objectLike({ SSEAlgorithm: 'aws:kms' }),
            BucketKeyEnabled: true,
          }),
        ],
      }),
      LoggingConfiguration: Match.objectLike({ LogFilePrefix: 'data/' }),
      LifecycleConfiguration: {
        Rules: Match.arrayWith(
          ['processed/', 'rejected/', 'reports/'].map((prefix) =>
            Match.objectLike({ Prefix: prefix, Status: 'Enabled' }),
          ),
        ),
      },
    });
    platform.hasResourceProperties('AWS::S3::BucketPolicy', {
      PolicyDocument: {
        Statement: Match.arrayWith([
          Match.objectLike({ Effect: 'Deny', Condition: { Bool: { 'aws:SecureTransport': 'false' } } }),
        ]),
      },
    });
  });

  it('starts runs only from inbox/ and partial/ object-created events', () => {
    const notifications = platform.findResources('Custom::S3BucketNotifications');
    const configs = Object.values(notifications)[0]!.Properties.NotificationConfiguration.QueueConfigurations;
    expect(
      configs
        .map(
          (c: { Filter: { Key: { FilterRules: { Value: string }[] } } }) =>
            c.Filter.Key.FilterRules[0]!.Value,
        )
        .sort(),
    ).toEqual(['inbox/', 'partial/']);
    expect(configs.every((c: { Events: string[] }) => c.Events.join() === 's3:ObjectCreated:*')).toBe(true);
  });

  it('starts a dry run from inbox/<tenant>/dry-run/ as any upload (no suffix filter), the splitter reading it', () => {
    const notifications = platform.findResources('Custom::S3BucketNotifications');
    const configs = Object.values(notifications)[0]!.Properties.NotificationConfiguration
      .QueueConfigurations as {
      Filter: { Key: { FilterRules: { Name: string; Value: string }[] } };
    }[];
    const covering = configs.filter((c) =>
      c.Filter.Key.FilterRules.every(
        (rule) => rule.Name.toLowerCase() !== 'prefix' || keys.dryRunInbox('maison').startsWith(rule.Value),
      ),
    );
    expect(covering).toHaveLength(1);
    expect(covering[0]!.Filter.Key.FilterRules.map((r) => r.Name.toLowerCase())).toEqual(['prefix']);
    const splitterPolicy = Object.entries(platform.findResources('AWS::IAM::Policy')).find(([id]) =>
      id.startsWith('FunctionsSplitterRole'),
    )![1];
    expect(JSON.stringify(splitterPolicy.Properties.PolicyDocument)).toContain('/inbox/*');
  });

  it('gives every queue a dead-letter queue with more than one receive, and the work queue its FIFO settings', () => {
    const queues = platform.findResources('AWS::SQS::Queue');
    const withRedrive = Object.values(queues).filter((q) => q.Properties.RedrivePolicy);
    expect(withRedrive).toHaveLength(4);
    // SPEC §2.6: a batch is never dead-lettered on its first failure.
    for (const queue of withRedrive)
      expect(queue.Properties.RedrivePolicy.maxReceiveCount).toBeGreaterThan(1);
    platform.hasResourceProperties('AWS::SQS::Queue', {
      FifoQueue: true,
      ContentBasedDeduplication: false,
      MaximumMessageSize: 1_048_576,
      VisibilityTimeout: TIMEOUTS.consumer.toSeconds() * VISIBILITY_PER_TIMEOUT,
      // A batch handed back to wait for its tenant's JOOR credits counts a receive: a few such waits on top.
      RedrivePolicy: Match.objectLike({ maxReceiveCount: WORK_MAX_RECEIVES }),
    });
    for (const queue of Object.values(queues))
      expect(queue.Properties.KmsMasterKeyId ?? queue.Properties.SqsManagedSseEnabled).toBeTruthy();
  });

  // Lambda refuses an SQS event source whose queue's visibility time-out is below the function's time-out
  // (CreateEventSourceMapping fails the deploy; Lambda Developer Guide, "Using Lambda with Amazon SQS", which advises
  // six times). The dead-letter queues are event sources too: two kept SQS's default 30 s under handlers of 60 s and
  // 300 s, which neither fauxqs nor moto checks (cfn-lint's E3505 found it).
  it('gives every queue a Lambda reads a visibility time-out of six times that function’s time-out', () => {
    const queues = platform.findResources('AWS::SQS::Queue');
    const functions = platform.findResources('AWS::Lambda::Function');
    const mappings = Object.values(platform.findResources('AWS::Lambda::EventSourceMapping'));
    expect(mappings).toHaveLength(8);
    for (const mapping of mappings) {
      const queue = queues[mapping.Properties.EventSourceArn['Fn::GetAtt'][0]]!;
      const fn = functions[mapping.Properties.FunctionName.Ref]!;
      expect(queue.Properties.VisibilityTimeout).toBeGreaterThanOrEqual(
        fn.Properties.Timeout * VISIBILITY_PER_TIMEOUT,
      );
    }
  });

  it('lets a dead finalizer’s claim expire before its message comes back, and after any live finalizer has ended', () => {
    // A finalizer that dies after claiming its run must not block the retries (issue #10): the claim's lease is
    // longer than the function may run, and shorter than the finalize queue's visibility time-out.
    const finalizeVisibilityMs = TIMEOUTS.finalizer.toMilliseconds() * VISIBILITY_PER_TIMEOUT;
    expect(FINALIZE_LEASE_MS).toBeGreaterThan(TIMEOUTS.finalizer.toMilliseconds());
    expect(FINALIZE_LEASE_MS).toBeLessThan(finalizeVisibilityMs);
    // The tenant's lease outlasts every delivery the splitter can get of a file (issue #10): only a run that both the
    // splitter and the inbox dead-letter handler failed to close leaves an expired lock for the next file to take.
    const splitterDeliveriesMs = TIMEOUTS.splitter.toMilliseconds() * VISIBILITY_PER_TIMEOUT * MAX_RECEIVES;
    expect(SPLIT_LEASE_MS).toBeGreaterThan(splitterDeliveriesMs + TIMEOUTS.deadLetter.toMilliseconds());
  });

  // The queue layout is declared once (lib/platform/queueLayout.ts) and the local platform and the moto tests build
  // from it too (tools/local/createQueues.ts): the stack must be what it says.
  it('builds each queue, its dead-letter queue and both event sources as QUEUE_LAYOUT declares them', () => {
    const queues = platform.findResources('AWS::SQS::Queue');
    const functions = platform.findResources('AWS::Lambda::Function');
    const mappings = Object.values(platform.findResources('AWS::Lambda::EventSourceMapping'));
    const idOf = (prefix: string) =>
      Object.keys(queues).find((id) => new RegExp(`^Queues${prefix}[0-9A-F]{8}$`).test(id))!;
    const readerOf = (queueId: string) => {
      const mapping = mappings.find((m) => m.Properties.EventSourceArn['Fn::GetAtt'][0] === queueId)!;
      const fnId = mapping.Properties.FunctionName.Ref as string;
      return {
        fnId,
        batchSize: mapping.Properties.BatchSize,
        maxConcurrency: mapping.Properties.ScalingConfig.MaximumConcurrency,
      };
    };
    const functionIdOf = (reader: string) =>
      Object.keys(functions).find(
        (id) =>
          id.startsWith(`Functions${reader.charAt(0).toUpperCase()}${reader.slice(1)}`) &&
          !id.includes('Logs'),
      )!;
    for (const layout of Object.values(QUEUE_LAYOUT)) {
      const queueId = idOf(layout.id);
      const deadLettersId = idOf(`${layout.id}Dlq`);
      const queue = queues[queueId]!.Properties;
      expect(queue.FifoQueue ?? false).toBe(layout.fifo);
      expect(queues[deadLettersId]!.Properties.FifoQueue ?? false).toBe(layout.fifo);
      expect(queue.RedrivePolicy).toEqual({
        deadLetterTargetArn: { 'Fn::GetAtt': [deadLettersId, 'Arn'] },
        maxReceiveCount: layout.maxReceives,
      });
      for (const [id, source] of [
        [queueId, layout.source],
        [deadLettersId, layout.deadLetterSource],
      ] as const)
        expect(readerOf(id)).toEqual({
          fnId: functionIdOf(source.reader),
          batchSize: source.batchSize,
          maxConcurrency: source.maxConcurrency,
        });
    }
  });

  // AWS Transfer Family User Guide, "Cross-service confused deputy prevention": a role Transfer assumes should
  // name the account and the source ARN it may be assumed for. Nothing local enforces it (issue #12).
  it('lets Transfer Family assume its roles only for this account’s Transfer resources', () => {
    const transferRoles = [platform, tenant].flatMap((template) =>
      Object.values(template.findResources('AWS::IAM::Role')).filter((role) =>
        JSON.stringify(role.Properties.AssumeRolePolicyDocument).includes('transfer.amazonaws.com'),
      ),
    );
    expect(transferRoles).toHaveLength(3);
    for (const role of transferRoles) {
      const statements = role.Properties.AssumeRolePolicyDocument.Statement;
      expect(statements).toHaveLength(1);
      // The values, not only the keys (#32): `aws:SourceArn` set to `*`, or the account left out, would pass a check
      // of the keys alone.
      expect(statements[0].Condition).toEqual({
        StringEquals: { 'aws:SourceAccount': { Ref: 'AWS::AccountId' } },
        ArnLike: {
          'aws:SourceArn': {
            'Fn::Join': [
              '',
              [
                'arn:',
                { Ref: 'AWS::Partition' },
                ':transfer:',
                { Ref: 'AWS::Region' },
                ':',
                { Ref: 'AWS::AccountId' },
                ':*',
              ],
            ],
          },
        },
      });
    }
  });

  it('outputs the dashboard’s generated name, and the deploy guide states the alarms the stack has (#12)', () => {
    platform.hasOutput('DashboardName', {});
    const alarms = Object.keys(platform.findResources('AWS::CloudWatch::Alarm')).length;
    const guide = readFileSync(fileURLToPath(new URL('../../docs/deploy.md', import.meta.url)), 'utf8');
    expect(guide).toContain(`${alarms} alarms to an SNS topic`);
    expect(guide).toContain(
      `CloudWatch alarms | ${alarms} standard alarms × $0.10 = $${(alarms * 0.1).toFixed(2)}`,
    );
  });

  it('runs the Lambdas on LAMBDA_RUNTIME and arm64, and bounds the consumer with the event source’s maximum concurrency', () => {
    const functions = Object.entries(platform.findResources('AWS::Lambda::Function'))
      .filter(([id]) => id.startsWith('Functions'))
      .map(([, fn]) => fn);
    expect(functions).toHaveLength(9);
    for (const fn of functions) {
      expect(fn.Properties.Runtime).toBe(LAMBDA_RUNTIME.name);
      expect(fn.Properties.Architectures).toEqual(['arm64']);
      // Powertools Tracer needs X-Ray active on the function (#12).
      expect(fn.Properties.TracingConfig).toEqual({ Mode: 'Active' });
      // The service is named in code (handlers/powertools.ts), which Powertools takes over this variable.
      expect(fn.Properties.Environment.Variables).not.toHaveProperty('POWERTOOLS_SERVICE_NAME');
    }
    platform.hasResourceProperties('AWS::Lambda::EventSourceMapping', {
      BatchSize: 10,
      FunctionResponseTypes: ['ReportBatchItemFailures'],
      ScalingConfig: { MaximumConcurrency: Match.anyValue() },
      EventSourceArn: { 'Fn::GetAtt': [Match.stringLikeRegexp('QueuesWork[0-9A-F]+$'), 'Arn'] },
    });
    expect(
      platform.findResources('AWS::Lambda::Function', {
        Properties: { ReservedConcurrentExecutions: Match.anyValue() },
      }),
    ).toEqual({});
  });

  it('serves SFTP with service-managed users, the newest security policy, logging, and the upload workflows', () => {
    platform.hasResourceProperties('AWS::Transfer::Server', {
      IdentityProviderType: 'SERVICE_MANAGED',
      Protocols: ['SFTP'],
      EndpointType: 'PUBLIC',
      SecurityPolicyName: SECURITY_POLICY,
      LoggingRole: Match.anyValue(),
      WorkflowDetails: { OnUpload: [Match.anyValue()], OnPartialUpload: [Match.anyValue()] },
    });
    const server = Object.values(platform.findResources('AWS::Transfer::Server'))[0]!;
    const workflows = platform.findResources('AWS::Transfer::Workflow');
    const workflowOf = (trigger: string) =>
      workflows[server.Properties.WorkflowDetails[trigger][0].WorkflowId['Fn::GetAtt'][0]]!;
    const partial = workflowOf('OnPartialUpload').Properties.Steps;
    expect(partial.map((step: { Type: string }) => step.Type)).toEqual(['COPY', 'DELETE']);
    expect(partial[0].CopyStepDetails.DestinationFileLocation.S3FileLocation.Key).toBe(
      // biome-ignore lint/suspicious/noTemplateCurlyInString: Transfer's placeholder, as the template holds it
      'partial/${transfer:UserName}/',
    );
  });

  // Transfer Family's managed copy step keeps only the file's name (its key's variables are the user name and the
  // upload date: AWS Transfer Family User Guide, "Use predefined steps"), so a file under dry-run/ would arrive in
  // inbox/<user>/ and be synced. The complete-upload workflow copies with its own function, which keeps the path.
  it('copies a complete upload to inbox/ with the platform’s function, which keeps the path and answers its step', () => {
    const server = Object.values(platform.findResources('AWS::Transfer::Server'))[0]!;
    const completeId = server.Properties.WorkflowDetails.OnUpload[0].WorkflowId['Fn::GetAtt'][0];
    const steps = platform.findResources('AWS::Transfer::Workflow')[completeId]!.Properties.Steps;
    expect(steps.map((step: { Type: string }) => step.Type)).toEqual(['CUSTOM', 'DELETE']);
    const functions = platform.findResources('AWS::Lambda::Function');
    const [copyId] = Object.keys(functions).filter((id) => /^FunctionsUploadCopy[0-9A-F]+$/.test(id));
    expect(steps[0].CustomStepDetails).toMatchObject({
      Target: { 'Fn::GetAtt': [copyId, 'Arn'] },
      // biome-ignore lint/suspicious/noTemplateCurlyInString: Transfer's placeholder, as the template holds it
      SourceFileLocation: '${original.file}',
    });
    // The step waits longer than the function may run.
    expect(steps[0].CustomStepDetails.TimeoutSeconds).toBeGreaterThan(
      functions[copyId!]!.Properties.Timeout as number,
    );
    expect(steps[1].DeleteStepDetails.SourceFileLocation).toBe(steps[0].CustomStepDetails.SourceFileLocation);
    // The workflow's role may invoke it; its own role reads landing/ and inbox/, writes inbox/ only, and answers.
    const policies = platform.findResources('AWS::IAM::Policy');
    const policyOf = (prefix: string) =>
      JSON.stringify(
        Object.entries(policies).find(([id]) => id.startsWith(prefix))![1].Properties.PolicyDocument,
      );
    expect(policyOf('SftpWorkflowRole')).toContain('lambda:InvokeFunction');
    expect(policyOf('SftpWorkflowRole')).toContain(copyId);
    const statements = JSON.parse(policyOf('FunctionsUploadCopyRole')).Statement as {
      Action: string | string[];
      Resource: unknown;
    }[];
    const resourcesOf = (action: string) =>
      JSON.stringify(statements.filter((s) => [s.Action].flat().includes(action)).map((s) => s.Resource));
    expect(resourcesOf('s3:GetObject')).toMatch(/\/landing\/\*.*\/inbox\/\*/);
    expect(resourcesOf('s3:PutObject')).toContain('/inbox/*');
    expect(resourcesOf('s3:PutObject')).not.toMatch(/landing|state|runs|config/);
    expect(resourcesOf('transfer:SendWorkflowStepState')).toContain(':workflow/*');
    expect(policyOf('FunctionsUploadCopyRole')).not.toMatch(/DeleteObject|sqs:|ses:|secretsmanager:/);
    // The functions' roles use the data key: this one too.
    expect(JSON.stringify(platform.findResources('AWS::KMS::Key'))).toContain('FunctionsUploadCopyRole');
  });

  it('never lets a partial upload reach inbox/', () => {
    const server = Object.values(platform.findResources('AWS::Transfer::Server'))[0]!;
    const partialId = server.Properties.WorkflowDetails.OnPartialUpload[0].WorkflowId['Fn::GetAtt'][0];
    const partial = platform.findResources('AWS::Transfer::Workflow')[partialId]!;
    expect(JSON.stringify(partial.Properties.Steps)).not.toContain('inbox/');
  });

  it('scopes each function’s role to its own prefixes: the consumer cannot touch inbox/, reports/ or SES', () => {
    const policies = platform.findResources('AWS::IAM::Policy');
    const consumer = Object.entries(policies).find(([id]) => id.startsWith('FunctionsConsumerRole'))![1];
    const text = JSON.stringify(consumer.Properties.PolicyDocument);
    expect(text).toContain('/runs/*');
    expect(text).not.toMatch(/\/inbox\/\*|\/reports\/\*|ses:|"s3:\*"/);
    // `*` only for X-Ray, whose trace actions have no resource-level permissions.
    const anyResource = (
      consumer.Properties.PolicyDocument.Statement as { Action: string[]; Resource: unknown }[]
    )
      .filter((statement) => statement.Resource === '*')
      .flatMap((statement) => statement.Action);
    expect(anyResource).toEqual(['xray:PutTraceSegments', 'xray:PutTelemetryRecords']);
    const splitter = JSON.stringify(
      Object.entries(policies).find(([id]) => id.startsWith('FunctionsSplitterRole'))![1].Properties
        .PolicyDocument,
    );
    expect(splitter).not.toMatch(/ses:|secretsmanager:|DeleteObjectVersion/);
  });

  it('drains every dead-letter queue with a handler; the inbox and finalize ones run with the splitter’s and finalizer’s roles', () => {
    const functions = platform.findResources('AWS::Lambda::Function');
    const roleOf = (prefix: string) =>
      Object.entries(functions).find(
        ([id]) => id.startsWith(`Functions${prefix}`) && !id.includes('Role'),
      )![1].Properties.Role;
    expect(roleOf('InboxDeadLetter')).toEqual(roleOf('Splitter'));
    expect(roleOf('FinalizeDeadLetter')).toEqual(roleOf('Finalizer'));
    // The job watcher does the consumer's work for a batch's job: the tenant-secrets role trusts the consumer's role.
    expect(roleOf('JobWatcher')).toEqual(roleOf('Consumer'));
    expect(roleOf('JobsDeadLetter')).toEqual(roleOf('DeadLetter'));
    const mappings = Object.values(platform.findResources('AWS::Lambda::EventSourceMapping'));
    const queues = platform.findResources('AWS::SQS::Queue');
    const dlqIds = Object.keys(queues).filter((id) => /Dlq/.test(id));
    expect(dlqIds).toHaveLength(4);
    for (const dlq of dlqIds)
      expect(
        mappings.some((m) => JSON.stringify(m.Properties.EventSourceArn).includes(dlq)),
        dlq,
      ).toBe(true);
  });

  // SQS does not count messages its redrive policy moves to a dead-letter queue in NumberOfMessagesSent (SQS
  // Developer Guide, "Available CloudWatch metrics for Amazon SQS"), and our handlers drain those queues at once, so
  // the visible count stays near 0: neither alone would fire. fauxqs and moto publish no metrics to show it.
  it('alarms on every dead-letter arrival although a handler drains the queue', () => {
    const deadLetterAlarms = Object.entries(platform.findResources('AWS::CloudWatch::Alarm')).filter(([id]) =>
      id.startsWith('MonitoringDeadLetters'),
    );
    expect(deadLetterAlarms).toHaveLength(4);
    for (const [, alarm] of deadLetterAlarms) {
      const metrics = alarm.Properties.Metrics as {
        Id: string;
        Expression?: string;
        MetricStat?: { Metric: { MetricName: string } };
      }[];
      expect(metrics.find((m) => m.Expression)?.Expression).toBe('MAX([received, visible])');
      expect(
        metrics
          .map((m) => m.MetricStat?.Metric.MetricName)
          .filter(Boolean)
          .sort(),
      ).toEqual(['ApproximateNumberOfMessagesVisible', 'NumberOfMessagesReceived']);
      expect(JSON.stringify(alarm)).not.toContain('NumberOfMessagesSent');
    }
  });

  it('moves an upload whose workflow fails to rejected/<user>/upload-failed/, tagged, and alarms on it', () => {
    for (const workflow of Object.values(platform.findResources('AWS::Transfer::Workflow'))) {
      const steps = workflow.Properties.OnExceptionSteps as { Type: string }[];
      expect(steps.map((step) => step.Type)).toEqual(['COPY', 'TAG', 'DELETE']);
      // biome-ignore lint/suspicious/noTemplateCurlyInString: Transfer's placeholder, as the template holds it
      expect(JSON.stringify(steps)).toContain('rejected/${transfer:UserName}/upload-failed/');
    }
    const alarm = Object.entries(platform.findResources('AWS::CloudWatch::Alarm')).find(([id]) =>
      id.startsWith('MonitoringUploadWorkflowFailed'),
    )![1];
    const names = JSON.stringify(alarm.Properties.Metrics);
    expect(names).toContain('OnUploadExecutionsFailed');
    expect(names).toContain('OnPartialUploadExecutionsFailed');
    // landing/ holds only uploads in flight; what a failure leaves there expires.
    platform.hasResourceProperties('AWS::S3::Bucket', {
      LifecycleConfiguration: {
        Rules: Match.arrayWith([
          Match.objectLike({ Id: 'landing', Prefix: 'landing/', ExpirationInDays: 30 }),
        ]),
      },
    });
  });

  it('points every alarm at its section of the runbook, and the runbook has a section for each', () => {
    const runbook = readFileSync(fileURLToPath(new URL('../../docs/runbook.md', import.meta.url)), 'utf8');
    const alarms = Object.values(platform.findResources('AWS::CloudWatch::Alarm'));
    const cited = alarms.map((alarm) => {
      const match = / Runbook: docs\/runbook\.md#([a-z-]+)$/.exec(
        alarm.Properties.AlarmDescription as string,
      );
      expect(match, alarm.Properties.AlarmDescription).not.toBeNull();
      return match![1]!;
    });
    expect([...new Set(cited)].sort()).toEqual([...RUNBOOK_SECTIONS].sort());
    for (const section of RUNBOOK_SECTIONS) expect(runbook).toContain(`<a id="${section}"></a>`);
  });

  it('lets the upload workflow list only the folders it moves files between', () => {
    const workflowPolicy = Object.entries(platform.findResources('AWS::IAM::Policy')).find(([id]) =>
      id.startsWith('SftpWorkflowRole'),
    )![1];
    const list = (
      workflowPolicy.Properties.PolicyDocument.Statement as { Action: unknown; Condition?: unknown }[]
    ).find((statement) => statement.Action === 's3:ListBucket')!;
    expect(list.Condition).toEqual({
      StringLike: { 's3:prefix': ['landing/*', 'partial/*', 'rejected/*'] },
    });
  });

  it('alarms on dead letters, old messages and function errors, into an encrypted topic, with a dashboard', () => {
    const alarms = Object.values(platform.findResources('AWS::CloudWatch::Alarm'));
    const metrics = alarms.map((a) => a.Properties.MetricName);
    expect(metrics.filter((m) => m === 'ApproximateAgeOfOldestMessage')).toHaveLength(2);
    expect(metrics.filter((m) => m === 'Errors')).toHaveLength(9);
    // The finalizer's metric name, namespace and dimension, as Powertools publishes them.
    platform.hasResourceProperties('AWS::CloudWatch::Alarm', {
      Namespace: 'CustomerSync',
      MetricName: 'runs_not_processed',
      Dimensions: [{ Name: 'service', Value: 'customer-sync' }],
    });
    platform.hasResourceProperties('AWS::CloudWatch::Alarm', {
      Namespace: 'CustomerSync',
      MetricName: 'report_emails_failed',
      Dimensions: [{ Name: 'service', Value: 'customer-sync' }],
    });
    for (const alarm of alarms) expect(alarm.Properties.AlarmActions).toHaveLength(1);
    platform.hasResourceProperties('AWS::SNS::Topic', { KmsMasterKeyId: Match.anyValue() });
    platform.resourceCountIs('AWS::CloudWatch::Dashboard', 1);
  });
});

describe('tenant stack', () => {
  it('locks the SFTP user in a logical home mapped to its landing folder only', () => {
    tenant.hasResourceProperties('AWS::Transfer::User', {
      UserName: 'maison-sample',
      HomeDirectoryType: 'LOGICAL',
      HomeDirectoryMappings: [{ Entry: '/', Target: Match.anyValue() }],
      SshPublicKeys: [Match.stringLikeRegexp('^ssh-ed25519 ')],
    });
    const user = Object.values(tenant.findResources('AWS::Transfer::User'))[0]!;
    expect(user.Properties.HomeDirectoryMappings).toHaveLength(1);
    expect(JSON.stringify(user.Properties.HomeDirectoryMappings[0].Target)).toMatch(
      /\/landing\/maison-sample"\]\]\}$/,
    );
    const role = Object.entries(tenant.findResources('AWS::IAM::Policy')).find(([id]) =>
      id.startsWith('SftpUserRole'),
    )![1];
    const text = JSON.stringify(role.Properties.PolicyDocument);
    expect(text).toContain('/landing/maison-sample/*');
    expect(text).not.toMatch(/\/inbox\/|\/state\/|\/config\//);
  });

  it('stores the validated config where the Lambdas read it, and touches no platform role', () => {
    const config = Object.values(tenant.findResources('Custom::AWS'))[0]!;
    expect(JSON.stringify(config.Properties.Create)).toContain('config/maison-sample.json');
    // Every policy in the tenant stack is on a role of its own (the SFTP user's, CDK's provider's).
    const ownRoles = new Set(Object.keys(tenant.findResources('AWS::IAM::Role')));
    for (const policy of Object.values(tenant.findResources('AWS::IAM::Policy')))
      for (const role of policy.Properties.Roles) expect(ownRoles.has(role.Ref)).toBe(true);
    // The secret is referenced by name: no value of it is in the template.
    tenant.resourceCountIs('AWS::SecretsManager::Secret', 0);
    tenant.resourceCountIs('AWS::SES::EmailIdentity', 0);
  });

  it('reads the SFTP server id from SSM at deploy time: no import, so a tenant deploy never deploys the platform', () => {
    expect(JSON.stringify(tenant.toJSON())).not.toContain('Fn::ImportValue');
    const user = Object.values(tenant.findResources('AWS::Transfer::User'))[0]!;
    const parameter = tenant.toJSON().Parameters[user.Properties.ServerId.Ref];
    expect(parameter).toMatchObject({
      Type: 'AWS::SSM::Parameter::Value<String>',
      Default: PLATFORM_PARAMETERS.sftpServerId,
    });
    platform.hasResourceProperties('AWS::SSM::Parameter', { Name: PLATFORM_PARAMETERS.sftpServerId });
  });
});

describe('many tenants on one platform (#12)', () => {
  const tenantConfig = (id: string, sender: string) => ({
    ...JSON.parse(
      readFileSync(fileURLToPath(new URL('../../tenants/maison-sample.json', import.meta.url)), 'utf8'),
    ),
    tenantId: id,
    joor: { environment: 'sandbox', accountId: '1001', secretName: `customer-sync/${id}/joor` },
    report: { recipients: [`ops@${id}.example`], sender },
  });
  const tenantsDir = (configs: Record<string, unknown>[]): string => {
    const dir = mkdtempSync(join(tmpdir(), 'tenants-'));
    for (const config of configs) writeFileSync(join(dir, `${config.tenantId}.json`), JSON.stringify(config));
    return dir;
  };
  const THREE = [
    tenantConfig('brand-a', 'reports@shared.example'),
    tenantConfig('brand-b', 'reports@shared.example'),
    tenantConfig('brand-c', 'sync@brand-c.example'),
  ];
  /** platform.json as the repository has it, with the senders these tenants share (#35). */
  const settingsSharing = (sharedSenders: string[]): string => {
    const dir = mkdtempSync(join(tmpdir(), 'platform-'));
    const settings = JSON.parse(
      readFileSync(fileURLToPath(new URL('../../platform.json', import.meta.url)), 'utf8'),
    );
    writeFileSync(join(dir, 'platform.json'), JSON.stringify({ ...settings, sharedSenders }));
    return join(dir, 'platform.json');
  };
  const SHARING = settingsSharing(['reports@shared.example']);
  const templates = (dir: string) => {
    const app = buildApp(newApp(), dir, SHARING);
    app.synth();
    return Object.fromEntries(
      app.node.children
        .filter((child): child is Stack => Stack.isStack(child))
        .map((stack) => [stack.node.id, Template.fromStack(stack).toJSON()]),
    );
  };
  /** A template's resources of one type, by logical id. */
  const resourcesOf = (template: ReturnType<Template['toJSON']> | undefined, type: string) =>
    Object.entries((template?.Resources ?? {}) as Record<string, CfnResource>).filter(
      ([, r]) => r.Type === type,
    );
  let three: Record<string, ReturnType<Template['toJSON']>>;
  beforeAll(() => {
    three = templates(tenantsDir(THREE));
  }, 120_000);

  it('leaves the platform template the same whichever tenants exist', () => {
    const none = templates(tenantsDir([]));
    expect(Object.keys(none)).toEqual(['CustomerSyncPlatform']);
    expect(three.CustomerSyncPlatform).toEqual(none.CustomerSyncPlatform);
  });

  it('attaches no two policies to the same role under the same name, across all stacks', () => {
    const attachments = Object.entries(three).flatMap(([stack, template]) =>
      resourcesOf(template, 'AWS::IAM::Policy').flatMap(([id, resource]) =>
        (resource.Properties.Roles as unknown[]).map((role) => `${stack}/${JSON.stringify(role)} ← ${id}`),
      ),
    );
    expect(attachments.length).toBeGreaterThan(10);
    // A role named by Ref is the stack's own: any other (an imported ARN or name) would be a platform role.
    expect(attachments.filter((a) => !/\/\{"Ref":"[^"]+"\} ← /.test(a))).toEqual([]);
    expect(new Set(attachments).size).toBe(attachments.length);
  });

  it('makes one SES identity per sender, with the configuration set that reports bounces to the operators', () => {
    const identities = resourcesOf(three.CustomerSyncSenders, 'AWS::SES::EmailIdentity').map(([, r]) => r);
    expect(identities.map((r) => r.Properties.EmailIdentity).sort()).toEqual([
      'reports@shared.example',
      'sync@brand-c.example',
    ]);
    for (const identity of identities)
      expect(identity.Properties.ConfigurationSetAttributes).toEqual({
        ConfigurationSetName: SES_CONFIGURATION_SET,
      });
    platform.hasResourceProperties('AWS::SES::ConfigurationSetEventDestination', {
      ConfigurationSetName: Match.anyValue(),
      EventDestination: Match.objectLike({
        MatchingEventTypes: Match.arrayWith(['bounce', 'complaint']),
        SnsDestination: Match.anyValue(),
      }),
    });
  });

  it('tags each sender identity with the tenants it sends for, and refuses a tenant naming another tenant’s sender (#35)', () => {
    const identities = resourcesOf(three.CustomerSyncSenders, 'AWS::SES::EmailIdentity').map(([, r]) => r);
    expect(
      Object.fromEntries(
        identities.map((r) => [
          r.Properties.EmailIdentity,
          (r.Properties.Tags as { Key: string; Value: string }[]).find((t) => t.Key === SENDER_TENANTS_TAG)
            ?.Value,
        ]),
      ),
    ).toEqual({ 'reports@shared.example': 'brand-a brand-b', 'sync@brand-c.example': 'brand-c' });
    // Brand D names brand C's sender: refused at synth, naming both; listed as shared, it is let through.
    const stealing = tenantsDir([...THREE, tenantConfig('brand-d', 'Sync@brand-c.example')]);
    expect(() => buildApp(newApp(), stealing, SHARING)).toThrow(
      /report.sender: sync@brand-c.example is named by tenants brand-c, brand-d; a sender serves one tenant unless platform.json lists it in sharedSenders/,
    );
    // Without the platform's word, two tenants sharing one sender are refused too.
    expect(() => buildApp(newApp(), tenantsDir(THREE))).toThrow(
      /reports@shared.example is named by tenants brand-a, brand-b/,
    );
    expect(() =>
      buildApp(newApp(), stealing, settingsSharing(['reports@shared.example', 'sync@brand-c.example'])),
    ).not.toThrow();
  });

  it('keeps the senders of every tenant when one tenant is deployed by name', () => {
    const app = buildApp(
      new App({
        context: { 'aws:cdk:bundling-stacks': [], tenant: 'brand-c' },
        outdir: mkdtempSync(join(tmpdir(), 'cdk-')),
      }),
      tenantsDir(THREE),
      SHARING,
    );
    expect(app.node.children.map((c) => c.node.id)).toEqual([
      'CustomerSyncPlatform',
      'CustomerSyncTenant-brand-c',
      'CustomerSyncSenders',
    ]);
    const senders = Template.fromStack(app.node.findChild('CustomerSyncSenders') as Stack);
    senders.resourceCountIs('AWS::SES::EmailIdentity', 2);
  });

  it('grants tenants’ secrets and senders by convention, in policies that fit IAM’s limits at any tenant count', () => {
    const policies = resourcesOf(three.CustomerSyncPlatform, 'AWS::IAM::Policy').map(([, r]) => r);
    const text = JSON.stringify(policies);
    expect(text).toContain(`:secret:${TENANT_SECRET_PREFIX}\${aws:PrincipalTag/tenant}/*`);
    expect(text).toMatch(/:identity\/\*/);
    // The platform template does not change with tenants (above): its largest role policy for 200 tenants is its
    // largest now. IAM caps a role's inline policies at 10,240 characters in all (IAM and STS quotas).
    const byRole = new Map<string, number>();
    for (const policy of policies) {
      const role = JSON.stringify((policy.Properties.Roles as unknown[])[0]);
      const size = JSON.stringify(policy.Properties.PolicyDocument).replace(/\s/g, '').length;
      byRole.set(role, (byRole.get(role) ?? 0) + size);
    }
    expect(Math.max(...byRole.values())).toBeLessThan(10_240 / 2);
  });

  it('lets the consumer read a tenant’s secret only through a session tagged with that tenant', () => {
    const roles = platform.findResources('AWS::IAM::Role');
    const [id, role] = Object.entries(roles).find(([key]) => key.startsWith('FunctionsTenantSecretsRole'))!;
    const trust = role.Properties.AssumeRolePolicyDocument.Statement[0];
    expect(trust.Action).toEqual(['sts:AssumeRole', 'sts:TagSession']);
    expect(JSON.stringify(trust.Principal)).toContain('FunctionsConsumerRole');
    const policies = platform.findResources('AWS::IAM::Policy');
    const own = Object.values(policies).find((p) => p.Properties.Roles[0].Ref === id)!;
    expect(own.Properties.PolicyDocument.Statement).toEqual([
      expect.objectContaining({
        Action: ['secretsmanager:GetSecretValue', 'secretsmanager:DescribeSecret'],
        Resource: {
          // biome-ignore lint/suspicious/noTemplateCurlyInString: IAM's policy variable, as the template holds it
          'Fn::Join': ['', expect.arrayContaining([':secret:customer-sync/${aws:PrincipalTag/tenant}/*'])],
        },
      }),
      // Or its SSM SecureString parameter (#34: test/infra/tenantCredentials.test.ts).
      expect.objectContaining({ Action: 'ssm:GetParameter' }),
    ]);
    const consumer = Object.entries(policies).find(([key]) => key.startsWith('FunctionsConsumerRole'))![1];
    expect(JSON.stringify(consumer.Properties.PolicyDocument)).not.toContain('secretsmanager:');
    const fn = Object.entries(platform.findResources('AWS::Lambda::Function')).find(([key]) =>
      key.startsWith('FunctionsConsumer'),
    )![1];
    expect(fn.Properties.Environment.Variables.TENANT_SECRETS_ROLE_ARN).toEqual({
      'Fn::GetAtt': [id, 'Arn'],
    });
  });

  it('refuses a tenant whose secret is not under its own prefix, which the consumer could not read', () => {
    const bad = tenantConfig('brand-d', 'x@brand-d.example');
    bad.joor.secretName = 'customer-sync/brand-a/joor';
    const problems: string[] = [];
    const app = buildApp(newApp(), tenantsDir([bad]), undefined, (problem) => problems.push(problem));
    expect(problems.join('\n')).toMatch(/joor.secretName: must start with customer-sync\/brand-d\//);
    expect(app.node.tryFindChild('CustomerSyncTenant-brand-d')).toBeUndefined();
  });
});

describe('platform settings (platform.json, #12)', () => {
  const settingsFile = (settings: unknown): string => {
    const path = join(mkdtempSync(join(tmpdir(), 'settings-')), 'platform.json');
    writeFileSync(path, JSON.stringify(settings));
    return path;
  };
  const emptyTenants = () => mkdtempSync(join(tmpdir(), 'tenants-'));

  it('takes operators, alarm thresholds and log retention from the file', () => {
    const app = buildApp(
      newApp(),
      emptyTenants(),
      settingsFile({
        operatorEmails: ['ops@brand.example'],
        alarms: { workQueueAgeMinutes: 45 },
        logRetentionDays: 30,
      }),
    );
    const template = Template.fromStack(app.node.findChild('CustomerSyncPlatform') as Stack);
    template.hasResourceProperties('AWS::SNS::Subscription', {
      Protocol: 'email',
      Endpoint: 'ops@brand.example',
    });
    template.hasResourceProperties('AWS::CloudWatch::Alarm', {
      MetricName: 'ApproximateAgeOfOldestMessage',
      Threshold: 45 * 60,
    });
    for (const group of Object.values(template.findResources('AWS::Logs::LogGroup')))
      expect(group.Properties.RetentionInDays).toBe(30);
  });

  it('refuses a bad file naming the field, and the old -c operatorEmails that a deploy could leave out', () => {
    expect(() =>
      buildApp(
        newApp(),
        emptyTenants(),
        settingsFile({ operatorEmails: ['not-an-email'], logRetentionDays: 31 }),
      ),
    ).toThrow(
      /platform.json[\s\S]*operatorEmails.0: must be an email address[\s\S]*logRetentionDays: must be one of CloudWatch/,
    );
    expect(() => buildApp(newApp(), emptyTenants(), settingsFile({}))).toThrow(/operatorEmails/);
    const withContext = new App({
      context: { 'aws:cdk:bundling-stacks': [], operatorEmails: 'ops@brand.example' },
      outdir: mkdtempSync(join(tmpdir(), 'cdk-')),
    });
    expect(() => buildApp(withContext, emptyTenants())).toThrow(/list them in platform.json/);
  });

  // Issue #20: the bounds per tenant are platform settings; the Lambdas and the local platform read the same
  // variables with the same defaults.
  it('passes the bounds per tenant to every Lambda, the defaults when the file gives none', () => {
    const variablesOf = (settings: unknown) => {
      const app = buildApp(newApp(), emptyTenants(), settingsFile(settings));
      const template = Template.fromStack(app.node.findChild('CustomerSyncPlatform') as Stack);
      return Object.values(template.findResources('AWS::Lambda::Function'))
        .map((fn) => fn.Properties.Environment?.Variables as Record<string, unknown> | undefined)
        .filter((variables) => variables?.BUCKET_NAME !== undefined);
    };
    const defaults = variablesOf({ operatorEmails: [], alarmsToNobody: true });
    expect(defaults).toHaveLength(9);
    for (const variables of defaults)
      expect(variables).toMatchObject({
        [BOUND_VARIABLES.maxFileNameBytes]: '200',
        [BOUND_VARIABLES.maxFileBytes]: String(1024 ** 3),
        [BOUND_VARIABLES.refusalDigestMinutes]: '60',
      });
    expect(boundsFromEnvironment(defaults[0] as NodeJS.ProcessEnv)).toEqual(DEFAULT_TENANT_BOUNDS);
    expect(boundsFromEnvironment({})).toEqual(DEFAULT_TENANT_BOUNDS);
    const set = variablesOf({
      operatorEmails: [],
      alarmsToNobody: true,
      bounds: { maxFileNameBytes: 120, maxFileBytes: 50_000_000, refusalDigestMinutes: 15 },
    });
    for (const variables of set)
      expect(boundsFromEnvironment(variables as NodeJS.ProcessEnv)).toEqual({
        maxFileNameBytes: 120,
        maxFileBytes: 50_000_000,
        refusalDigestMinutes: 15,
      });
    expect(() =>
      buildApp(
        newApp(),
        emptyTenants(),
        settingsFile({ operatorEmails: [], bounds: { maxFileNameBytes: 2000 } }),
      ),
    ).toThrow(/bounds.maxFileNameBytes/);
    expect(() => boundsFromEnvironment({ [BOUND_VARIABLES.maxFileBytes]: 'lots' })).toThrow(
      /BOUND_MAX_FILE_BYTES/,
    );
  });

  it('gives every function of every stack a log group that expires, CDK’s provider functions included', () => {
    const app = buildApp(newApp());
    app.synth();
    const stacks = app.node.children.filter((child): child is Stack => Stack.isStack(child));
    let functions = 0;
    for (const stack of stacks) {
      const template = Template.fromStack(stack);
      const groups = template.findResources('AWS::Logs::LogGroup');
      for (const group of Object.values(groups)) expect(group.Properties.RetentionInDays).toBeGreaterThan(0);
      for (const fn of Object.values(template.findResources('AWS::Lambda::Function'))) {
        functions += 1;
        const target = fn.Properties.LoggingConfig?.LogGroup?.Ref as string | undefined;
        expect(
          target && groups[target],
          `${stack.node.id}: ${JSON.stringify(fn.Properties.LoggingConfig)}`,
        ).toBeTruthy();
      }
    }
    // The platform's functions, the bucket-notification provider, the tenant's custom-resource provider.
    expect(functions).toBeGreaterThanOrEqual(HANDLERS.length + 2);
  });
});

describe('SFTP endpoint in a VPC', () => {
  it('takes connections only from the ERP’s addresses', async () => {
    const { PlatformStack } = await import('../../lib/platform/PlatformStack.js');
    const app = newApp();
    const stack = new PlatformStack(app, 'VpcPlatform', {
      settings: parsePlatformSettings({
        operatorEmails: [],
        alarmsToNobody: true,
        sftpEndpoint: {
          type: 'vpc',
          vpcId: 'vpc-123',
          subnetIds: ['subnet-1'],
          allowedCidrs: ['203.0.113.10/32'],
        },
      }),
    });
    const template = Template.fromStack(stack);
    template.hasResourceProperties('AWS::Transfer::Server', {
      EndpointType: 'VPC',
      EndpointDetails: Match.objectLike({ VpcId: 'vpc-123' }),
    });
    template.hasResourceProperties('AWS::EC2::SecurityGroup', {
      SecurityGroupIngress: [Match.objectLike({ CidrIp: '203.0.113.10/32', FromPort: 22, ToPort: 22 })],
    });
  });
});
