import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { App, DefaultStackSynthesizer, type Stack } from 'aws-cdk-lib';
import { Match, Template } from 'aws-cdk-lib/assertions';
import { beforeAll, describe, expect, it } from 'vitest';
import { buildApp } from '../../bin/app.js';
import { ADMIN_ACTIONS } from '../../lib/platform/DataKey.js';
import { OPERATOR_ACTIONS } from '../../lib/platform/operatorActions.js';
import { parsePlatformSettings } from '../../lib/platform/platformSettings.js';
import { OPERATOR_TAG, SENDER_TAG, TENANT_SESSION_TAG } from '../../lib/platform/tenantConventions.js';
import { parseDeployableTenant } from '../../lib/tenant/deployableTenant.js';

/** Personal data kept as a processor (#23): retention, the platform's key, where data may go, operators. */
const newApp = () =>
  new App({
    context: { 'aws:cdk:bundling-stacks': [], includeSamples: 'true' },
    outdir: mkdtempSync(join(tmpdir(), 'cdk-')),
  });
const SAMPLE = JSON.parse(
  readFileSync(fileURLToPath(new URL('../../tenants/maison-sample.json', import.meta.url)), 'utf8'),
);

let platform: Template;
let tenant: Template;
let senders: Template;
// biome-ignore lint/suspicious/noExplicitAny: CloudFormation JSON, read as the template holds it
type Cfn = any;
type Resource = { Properties: Record<string, Cfn> };
const only = (template: Template, type: string, prefix: string): Resource =>
  Object.entries(template.findResources(type)).find(([id]) => id.startsWith(prefix))![1] as Resource;

beforeAll(() => {
  const app = buildApp(newApp());
  app.synth();
  platform = Template.fromStack(app.node.findChild('CustomerSyncPlatform') as Stack);
  tenant = Template.fromStack(app.node.findChild('CustomerSyncTenant-maison-sample') as Stack);
  senders = Template.fromStack(app.node.findChild('CustomerSyncSenders') as Stack);
}, 120_000);

describe('retention by purpose (platform.json)', () => {
  it('expires raw files after 30 days, run records and reports after 90, old versions after 7; never the state', () => {
    const bucket = only(platform, 'AWS::S3::Bucket', 'StorageData');
    const rules = bucket.Properties.LifecycleConfiguration.Rules as Record<string, Cfn>[];
    const byPrefix = Object.fromEntries(
      rules.filter((r) => r.Prefix).map((r) => [r.Prefix, r.ExpirationInDays]),
    );
    expect(byPrefix).toEqual({
      'landing/': 30,
      'inbox/': 30,
      'partial/': 30,
      'processed/': 30,
      'rejected/': 30,
      'runs/': 90,
      'reports/': 90,
      // erase's records: the stated period of docs/security.md ("How one customer is erased"), three years (#35).
      'erasures/': 1095,
    });
    expect(rules.find((r) => !r.Prefix)).toMatchObject({
      NoncurrentVersionExpiration: { NoncurrentDays: 7 },
      ExpiredObjectDeleteMarker: true,
    });
    expect(rules.some((r) => r.Prefix?.startsWith('state') || r.Prefix?.startsWith('config'))).toBe(false);
  });

  it('keeps queue messages 4 days and dead letters 7', () => {
    const queues = Object.values(platform.findResources('AWS::SQS::Queue')) as Resource[];
    const days = (q: Resource) => q.Properties.MessageRetentionPeriod / 86_400;
    const deadLetters = new Set(
      queues.map((q) => q.Properties.RedrivePolicy?.deadLetterTargetArn?.['Fn::GetAtt']?.[0]).filter(Boolean),
    );
    const ids = Object.keys(platform.findResources('AWS::SQS::Queue'));
    expect(ids.map((id, k) => [deadLetters.has(id), days(queues[k]!)]).sort()).toEqual([
      [false, 4],
      [false, 4],
      [false, 4],
      [false, 4],
      [true, 7],
      [true, 7],
      [true, 7],
      [true, 7],
    ]);
  });

  it('takes other periods from the file, and refuses dead letters kept less long than their queue', () => {
    const settings = parsePlatformSettings({
      operatorEmails: ['ops@brand.example'],
      retention: { rawFilesDays: 14, queueDays: 2 },
    });
    expect(settings.retention).toEqual({
      rawFilesDays: 14,
      runRecordsDays: 90,
      oldVersionsDays: 7,
      queueDays: 2,
      deadLetterQueueDays: 7,
    });
    expect(() =>
      parsePlatformSettings({ operatorEmails: ['ops@brand.example'], retention: { queueDays: 10 } }),
    ).toThrow(/retention.deadLetterQueueDays: must be at least queueDays/);
    expect(() =>
      parsePlatformSettings({
        operatorEmails: ['ops@brand.example'],
        retention: { deadLetterQueueDays: 15 },
      }),
    ).toThrow(/retention.deadLetterQueueDays: must be at most 14/);
  });

  it('refuses an empty operators list unless the file says the alarms go to nobody', () => {
    expect(() => parsePlatformSettings({ operatorEmails: [] })).toThrow(
      /operatorEmails: list at least one address, or set "alarmsToNobody": true/,
    );
    expect(parsePlatformSettings({ operatorEmails: [], alarmsToNobody: true }).operatorEmails).toEqual([]);
  });
});

describe('the platform’s own key', () => {
  const key = () => only(platform, 'AWS::KMS::Key', 'DataKey');
  const statements = () => key().Properties.KeyPolicy.Statement as Record<string, Cfn>[];

  it('encrypts the bucket (with bucket keys) and every queue with one rotating key', () => {
    expect(key().Properties.EnableKeyRotation).toBe(true);
    const keyId = Object.keys(platform.findResources('AWS::KMS::Key')).find((id) => id.startsWith('DataKey'));
    platform.hasResourceProperties('AWS::S3::Bucket', {
      BucketName: Match.anyValue(),
      BucketEncryption: {
        ServerSideEncryptionConfiguration: [
          {
            BucketKeyEnabled: true,
            ServerSideEncryptionByDefault: {
              SSEAlgorithm: 'aws:kms',
              KMSMasterKeyID: { 'Fn::GetAtt': [keyId, 'Arn'] },
            },
          },
        ],
      },
    });
    const queues = Object.values(platform.findResources('AWS::SQS::Queue')) as Resource[];
    expect(queues).toHaveLength(8);
    for (const queue of queues)
      expect(queue.Properties.KmsMasterKeyId).toEqual({ 'Fn::GetAtt': [keyId, 'Arn'] });
  });

  it('lets the account manage the key but only the pipeline’s roles, tenants’ roles, tagged operators and S3 use it', () => {
    const uses = statements().filter((s) => [s.Action].flat().includes('kms:Decrypt'));
    const root = statements().find((s) => s.Sid === 'AccountManagesButDoesNotUse')!;
    expect([root.Action].flat().some((a: string) => /Decrypt|Encrypt|GenerateDataKey|kms:\*/.test(a))).toBe(
      false,
    );
    const named = uses.find((s) => s.Sid === 'PipelineRoles')!;
    expect(JSON.stringify(named.Principal)).toMatch(/FunctionsSplitterRole/);
    for (const role of ['Consumer', 'Finalizer', 'DeadLetter'])
      expect(JSON.stringify(named.Principal)).toContain(`Functions${role}Role`);
    expect(JSON.stringify(named.Principal)).toContain('SftpWorkflowRole');
    expect(JSON.stringify(uses.find((s) => s.Sid === 'TenantRolesByName')!.Condition.ArnLike)).toMatch(
      /:role\/csync-\*"/,
    );
    expect(uses.find((s) => s.Sid === 'TaggedOperatorsThroughIam')!.Condition).toEqual({
      StringEquals: { [`aws:PrincipalTag/${OPERATOR_TAG}`]: 'true' },
    });
    // S3 may use it to notify the encrypted inbox queue, and the condition names the bucket by its ARN.
    expect(uses.some((s) => s.Principal.Service === 's3.amazonaws.com')).toBe(true);
    expect(uses.map((s) => s.Sid ?? s.Principal.Service).sort()).toEqual([
      'PipelineRoles',
      'TaggedOperatorsThroughIam',
      'TenantRolesByName',
      's3.amazonaws.com',
      's3.amazonaws.com',
    ]);
  });

  it('lets the account neither grant the key’s use nor change its policy; only deploys change the policy (#35)', () => {
    const root = statements().find((s) => s.Sid === 'AccountManagesButDoesNotUse')!;
    expect(root.Action).toEqual(ADMIN_ACTIONS);
    expect(
      [root.Action].flat().filter((a: string) => a.includes('*') || /CreateGrant|PutKeyPolicy/.test(a)),
    ).toEqual([]);
    // No statement but the deploys' allows them.
    const granting = statements().filter((s) =>
      [s.Action].flat().some((a: string) => /^kms:(Create\*|Put\*|CreateGrant|PutKeyPolicy|\*)$/.test(a)),
    );
    expect(granting.map((s) => s.Sid)).toEqual(['DeploysChangeThePolicy']);
    expect(granting[0]).toMatchObject({
      Action: 'kms:PutKeyPolicy',
      Condition: {
        ArnEquals: {
          'aws:PrincipalArn': {
            // CDK's bootstrap role, the placeholders left for CloudFormation to fill in.
            'Fn::Sub': DefaultStackSynthesizer.DEFAULT_CLOUDFORMATION_ROLE_ARN.replace(
              // biome-ignore lint/suspicious/noTemplateCurlyInString: CDK's own placeholder
              '${Qualifier}',
              DefaultStackSynthesizer.DEFAULT_QUALIFIER,
            ),
          },
        },
      },
    });
  });

  it('lets S3 use the key only for this account’s data bucket, in every statement CDK or the stack adds (#35)', () => {
    const s3 = statements().filter((s) => s.Principal.Service === 's3.amazonaws.com');
    expect(s3.length).toBeGreaterThan(0);
    for (const statement of s3)
      expect(statement.Condition).toEqual({
        StringEquals: { 'aws:SourceAccount': { Ref: 'AWS::AccountId' } },
        ArnLike: {
          'aws:SourceArn': {
            'Fn::Join': [
              '',
              [
                'arn:',
                { Ref: 'AWS::Partition' },
                ':s3:::customer-sync-data-',
                { Ref: 'AWS::AccountId' },
                '-',
                { Ref: 'AWS::Region' },
              ],
            ],
          },
        },
      });
  });

  it('lets each queue be received from only by the function that drains it, and a redriven dead-letter queue by tagged operators (#35)', () => {
    const queues = platform.findResources('AWS::SQS::Queue');
    const policies = Object.values(platform.findResources('AWS::SQS::QueuePolicy')) as Resource[];
    const readerOf: Record<string, string> = {};
    for (const [id] of Object.entries(queues)) {
      const policy = policies.find(
        (p) => JSON.stringify(p.Properties.Queues) === JSON.stringify([{ Ref: id }]),
      );
      const deny = policy?.Properties.PolicyDocument.Statement.find(
        (s: Record<string, Cfn>) => s.Sid === 'OnlyItsReaderReceives',
      );
      expect(deny, id).toMatchObject({
        Effect: 'Deny',
        Principal: { AWS: '*' },
        Action: 'sqs:ReceiveMessage',
      });
      const role = deny.Condition.ArnNotEquals['aws:PrincipalArn']['Fn::GetAtt'][0] as string;
      const tagged = deny.Condition.StringNotEquals?.[`aws:PrincipalTag/${OPERATOR_TAG}`];
      readerOf[id.replace(/[0-9A-F]{8}$/, '')] =
        `${role.replace(/[0-9A-F]{8}$/, '')}${tagged ? ' + operators' : ''}`;
    }
    expect(readerOf).toEqual({
      QueuesInbox: 'FunctionsSplitterRole',
      QueuesInboxDlq: 'FunctionsSplitterRole + operators',
      QueuesWork: 'FunctionsConsumerRole',
      QueuesWorkDlq: 'FunctionsDeadLetterRole + operators',
      QueuesFinalize: 'FunctionsFinalizerRole',
      QueuesFinalizeDlq: 'FunctionsFinalizerRole + operators',
      QueuesJobs: 'FunctionsConsumerRole',
      QueuesJobsDlq: 'FunctionsDeadLetterRole',
    });
  });

  it('denies reading objects to any principal of the account but those', () => {
    const policy = Object.values(platform.findResources('AWS::S3::BucketPolicy')).find((p) =>
      JSON.stringify(p).includes('OnlyThePipelineAndOperatorsRead'),
    ) as Resource;
    const deny = policy.Properties.PolicyDocument.Statement.find(
      (s: Record<string, Cfn>) => s.Sid === 'OnlyThePipelineAndOperatorsRead',
    );
    expect(deny).toMatchObject({
      Effect: 'Deny',
      Principal: { AWS: '*' },
      Action: ['s3:GetObject', 's3:GetObjectVersion'],
      Condition: { StringNotEquals: { [`aws:PrincipalTag/${OPERATOR_TAG}`]: 'true' } },
    });
    const allowed = JSON.stringify(deny.Condition.ArnNotLike['aws:PrincipalArn']);
    for (const role of ['Splitter', 'Consumer', 'Finalizer', 'DeadLetter'])
      expect(allowed).toContain(`Functions${role}Role`);
    expect(allowed).toContain('SftpWorkflowRole');
    expect(allowed).toContain(':role/csync-*');
  });

  const bucketStatements = () =>
    (
      Object.values(platform.findResources('AWS::S3::BucketPolicy')).find((p) =>
        JSON.stringify(p).includes('OnlyThePipelineAndOperatorsRead'),
      ) as Resource
    ).Properties.PolicyDocument.Statement as Record<string, Cfn>[];
  const bySid = (sid: string) => bucketStatements().find((s) => s.Sid === sid);
  const objectsUnder = (prefix: string) => ({
    'Fn::Join': ['', [{ 'Fn::GetAtt': [expect.stringMatching(/^StorageData/), 'Arn'] }, `/${prefix}*`]],
  });

  it('refuses any upload asking for another encryption than the platform key, and lets uploads asking for none take the bucket’s default (#35)', () => {
    const keyId = Object.keys(platform.findResources('AWS::KMS::Key')).find((id) => id.startsWith('DataKey'));
    const header = 's3:x-amz-server-side-encryption';
    const keyHeader = 's3:x-amz-server-side-encryption-aws-kms-key-id';
    const denies = bucketStatements().filter(
      (s) => s.Effect === 'Deny' && [s.Action].flat().includes('s3:PutObject'),
    );
    const conditions = Object.fromEntries(
      denies
        .filter((s) => JSON.stringify(s.Condition ?? {}).includes('server-side-encryption'))
        .map((s) => [s.Sid, s.Condition]),
    );
    expect(conditions).toEqual({
      OnlyThePlatformKeyNamed: {
        Null: { [keyHeader]: 'false' },
        StringNotEquals: { [keyHeader]: [{ 'Fn::GetAtt': [keyId, 'Arn'] }, { Ref: keyId }] },
      },
      NoOtherEncryption: { Null: { [header]: 'false' }, StringNotEquals: { [header]: 'aws:kms' } },
      NoAccountDefaultKey: { StringEquals: { [header]: 'aws:kms' }, Null: { [keyHeader]: 'true' } },
      NoCustomerProvidedKey: { Null: { 's3:x-amz-server-side-encryption-customer-algorithm': 'false' } },
    });
    // Each needs an encryption header in the request: an upload that names none (Transfer Family's, the
    // functions') matches none of them, and the bucket's default encrypts it with the platform key.
  });

  it('lets only the tenant stacks’ config writers write or delete config/, and no one delete an erasure record (#35)', () => {
    expect(bySid('OnlyDeploysWriteConfig')).toEqual({
      Sid: 'OnlyDeploysWriteConfig',
      Effect: 'Deny',
      Principal: { AWS: '*' },
      Action: ['s3:PutObject', 's3:DeleteObject', 's3:DeleteObjectVersion'],
      Resource: objectsUnder('config/'),
      Condition: {
        ArnNotLike: {
          'aws:PrincipalArn': {
            'Fn::Join': [
              '',
              [
                'arn:',
                { Ref: 'AWS::Partition' },
                ':iam::',
                { Ref: 'AWS::AccountId' },
                ':role/csync-*-config',
              ],
            ],
          },
        },
      },
    });
    // The config writer is named so; the SFTP role is not.
    tenant.hasResourceProperties('AWS::IAM::Role', { RoleName: 'csync-maison-sample-config' });
    expect(bySid('ErasureRecordsStay')).toEqual({
      Sid: 'ErasureRecordsStay',
      Effect: 'Deny',
      Principal: { AWS: '*' },
      Action: ['s3:DeleteObject', 's3:DeleteObjectVersion'],
      Resource: objectsUnder('erasures/'),
    });
  });

  it('lets only the upload workflow and tagged operators write where a write starts a run (inbox/, partial/) (#35)', () => {
    const deny = bySid('OnlyUploadsStartRuns')!;
    expect(deny).toMatchObject({
      Effect: 'Deny',
      Principal: { AWS: '*' },
      Action: 's3:PutObject',
      Resource: [objectsUnder('inbox/'), objectsUnder('partial/')],
      Condition: { StringNotEquals: { [`aws:PrincipalTag/${OPERATOR_TAG}`]: 'true' } },
    });
    const writers = deny.Condition.ArnNotEquals['aws:PrincipalArn'].map(
      (arn: { 'Fn::GetAtt': [string, string] }) => arn['Fn::GetAtt'][0].replace(/[0-9A-F]{8}$/, ''),
    );
    expect(writers).toEqual(['FunctionsUploadCopyRole', 'SftpWorkflowRole']);
  });

  it('names the tenant stack’s roles so that the key and the bucket admit them', () => {
    tenant.hasResourceProperties('AWS::IAM::Role', { RoleName: 'csync-maison-sample-sftp' });
    tenant.hasResourceProperties('AWS::IAM::Role', { RoleName: 'csync-maison-sample-config' });
  });
});

describe('nothing sent where it should not go', () => {
  const deployable = (joor: Record<string, unknown>) =>
    parseDeployableTenant({ ...SAMPLE, joor: { ...SAMPLE.joor, ...joor } }, 'tenants/maison-sample.json');

  it('refuses a tenant pointing JOOR calls anywhere but JOOR’s own hosts over https, naming the field', () => {
    expect(() => deployable({ baseUrl: 'http://attacker.example:8080' })).toThrow(
      /joor.baseUrl: must be https:\/\/api.jooraccess.com or https:\/\/apisandbox.jooraccess.com/,
    );
    expect(() => deployable({ authUrl: 'http://atlas.jooraccess.com/auth' })).toThrow(
      /joor.authUrl: must be https/,
    );
    expect(() => deployable({ baseUrl: 'https://api.jooraccess.com.attacker.example' })).toThrow(
      /joor.baseUrl/,
    );
    expect(() => deployable({ baseUrl: 'https://api.jooraccess.com:8443' })).toThrow(/joor.baseUrl/);
    expect(() => deployable({ baseUrl: 'https://user:pw@api.jooraccess.com' })).toThrow(/joor.baseUrl/);
    expect(() => deployable({ authUrl: 'https://api.jooraccess.com/auth' })).toThrow(/joor.authUrl/);
    expect(
      deployable({
        baseUrl: 'https://apisandbox.jooraccess.com',
        authUrl: 'https://atlas-sandbox.jooraccess.com/auth',
      }).joor.baseUrl,
    ).toBe('https://apisandbox.jooraccess.com');
    const dir = mkdtempSync(join(tmpdir(), 'tenants-'));
    writeFileSync(
      join(dir, 'maison-sample.json'),
      JSON.stringify({ ...SAMPLE, joor: { ...SAMPLE.joor, baseUrl: 'http://attacker.example:8080' } }),
    );
    // A bad tenant file leaves out its own stack, naming the field (bin/app.ts).
    const problems: string[] = [];
    const app = buildApp(newApp(), dir, undefined, (problem) => problems.push(problem));
    expect(problems.join('\n')).toMatch(/joor.baseUrl/);
    expect(app.node.tryFindChild('CustomerSyncTenant-maison-sample')).toBeUndefined();
  });

  it('leaves every deployed function on JOOR’s own hosts: none is given a JOOR_HOSTS that would widen them (#35)', () => {
    const functions = Object.values(platform.findResources('AWS::Lambda::Function')) as Resource[];
    const variables = functions.map((fn) => Object.keys(fn.Properties.Environment?.Variables ?? {}));
    expect(variables.flat()).toContain('BUCKET_NAME');
    expect(variables.flat()).not.toContain('JOOR_HOSTS');
  });

  it('lets the finalizer send only as identities the senders stack tagged, and requires TLS', () => {
    const finalizer = only(platform, 'AWS::IAM::Policy', 'FunctionsFinalizerRole');
    const sends = finalizer.Properties.PolicyDocument.Statement.filter((s: Record<string, Cfn>) =>
      [s.Action].flat().includes('ses:SendEmail'),
    );
    const identities = sends.find((s: Record<string, Cfn>) =>
      JSON.stringify(s.Resource).includes(':identity/'),
    );
    expect(identities.Condition).toEqual({ StringEquals: { [`aws:ResourceTag/${SENDER_TAG}`]: 'true' } });
    expect(
      sends
        .filter((s: Record<string, Cfn>) => !s.Condition)
        .map((s: Record<string, Cfn>) => JSON.stringify(s.Resource)),
    ).toEqual([expect.stringContaining(':configuration-set/customer-sync')]);
    senders.hasResourceProperties('AWS::SES::EmailIdentity', {
      Tags: Match.arrayWith([{ Key: SENDER_TAG, Value: 'true' }]),
    });
    platform.hasResourceProperties('AWS::SES::ConfigurationSet', {
      DeliveryOptions: Match.objectLike({ TlsPolicy: 'REQUIRE' }),
    });
  });

  it('lets the consumer assume the tenant-secrets role only with the tenant tag and no other', () => {
    const role = only(platform, 'AWS::IAM::Role', 'FunctionsTenantSecretsRole');
    expect(role.Properties.AssumeRolePolicyDocument.Statement[0].Condition).toEqual({
      StringLike: { [`aws:RequestTag/${TENANT_SESSION_TAG}`]: '?*' },
      'ForAllValues:StringEquals': { 'aws:TagKeys': [TENANT_SESSION_TAG] },
    });
  });
});

describe('operators', () => {
  it('ship a managed policy of exactly the operator commands’ actions, whose ARN the stack outputs', () => {
    const policies = Object.values(platform.findResources('AWS::IAM::ManagedPolicy')) as Resource[];
    expect(policies).toHaveLength(1);
    // What it allows (its denies, of deleting erasure records, are checked below).
    const actions = policies[0]!.Properties.PolicyDocument.Statement.filter(
      (s: Record<string, Cfn>) => s.Effect === 'Allow',
    ).flatMap((s: Record<string, Cfn>) => [s.Action].flat());
    expect([...new Set(actions)].sort()).toEqual([...new Set(Object.values(OPERATOR_ACTIONS).flat())].sort());
    expect(actions.some((a: string) => a.includes('*'))).toBe(false);
    const statements = policies[0]!.Properties.PolicyDocument.Statement as Record<string, Cfn>[];
    // Tenant configs are the deploy's: operators read them (erase) but cannot write them.
    const writes = statements.filter(
      (s) => s.Effect === 'Allow' && [s.Action].flat().some((a: string) => /Put|Delete/.test(a)),
    );
    expect(JSON.stringify(writes)).not.toContain('/config/');
    // The records of erasures: never deleted by an operator, whatever else they are allowed (#35).
    expect(statements.filter((s) => s.Effect === 'Deny')).toEqual([
      expect.objectContaining({
        Action: ['s3:DeleteObject', 's3:DeleteObjectVersion'],
        Resource: {
          'Fn::Join': ['', [{ 'Fn::GetAtt': [expect.stringMatching(/^StorageData/), 'Arn'] }, '/erasures/*']],
        },
      }),
    ]);
    platform.hasOutput('OperatorPolicyArn', { Value: Match.objectLike({ Ref: Match.anyValue() }) });
  });

  it('may read the key of erase’s records, and only read it (#35)', () => {
    const [policy] = Object.values(platform.findResources('AWS::IAM::ManagedPolicy')) as Resource[];
    const secrets = Object.keys(platform.findResources('AWS::SecretsManager::Secret'));
    expect(secrets).toHaveLength(1);
    const onSecret = policy!.Properties.PolicyDocument.Statement.filter((s: Record<string, Cfn>) =>
      JSON.stringify(s.Resource).includes(secrets[0]!),
    );
    expect(onSecret.map((s: Record<string, Cfn>) => s.Action)).toEqual(['secretsmanager:GetSecretValue']);
    platform.hasOutput('ErasureSecretArn', { Value: { Ref: secrets[0] } });
  });
});
