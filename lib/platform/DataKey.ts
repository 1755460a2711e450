import { DefaultStackSynthesizer, Duration, Fn, Lazy, RemovalPolicy, Stack, Validations } from 'aws-cdk-lib';
import {
  AccountRootPrincipal,
  AnyPrincipal,
  type IRole,
  PolicyDocument,
  PolicyStatement,
} from 'aws-cdk-lib/aws-iam';
import { type CfnKey, Key } from 'aws-cdk-lib/aws-kms';
import { Construct } from 'constructs';
import { OPERATOR_TAG, TENANT_ROLE_PREFIX } from './tenantConventions.js';

/**
 * What managing the key takes, without using it, named one by one: CDK's `kms:Create*` and `kms:Put*` would include
 * `kms:CreateGrant` and `kms:PutKeyPolicy`, with which a principal of the account holding broad IAM rights could give
 * itself the use of the key (a grant, or a new policy). Neither is here: no one needs a grant (S3 and SQS use the key
 * through the key policy), and the policy is changed by deploys only (DEPLOY_ONLY_ACTIONS).
 */
export const ADMIN_ACTIONS = [
  'kms:CreateAlias',
  'kms:UpdateAlias',
  'kms:DeleteAlias',
  'kms:DescribeKey',
  'kms:UpdateKeyDescription',
  'kms:EnableKey',
  'kms:DisableKey',
  'kms:EnableKeyRotation',
  'kms:DisableKeyRotation',
  'kms:RotateKeyOnDemand',
  'kms:GetKeyPolicy',
  'kms:GetKeyRotationStatus',
  'kms:ListAliases',
  'kms:ListGrants',
  'kms:ListKeyPolicies',
  'kms:ListKeyRotations',
  'kms:ListResourceTags',
  'kms:RevokeGrant',
  'kms:TagResource',
  'kms:UntagResource',
  'kms:ScheduleKeyDeletion',
  'kms:CancelKeyDeletion',
];
/**
 * Changing the key policy: only CloudFormation, as the role CDK's bootstrap gives it, when a deploy changes the
 * policy. KMS refuses a key whose policy would not let its creator put the policy again (the lockout safety check of
 * CreateKey and PutKeyPolicy), so the deploy's role keeps it, and no one else has it.
 */
export const DEPLOY_ONLY_ACTIONS = ['kms:PutKeyPolicy'];
/** What S3 (SSE-KMS with bucket keys) and SQS (SSE-KMS) ask of the key for a principal that reads and writes. */
export const KEY_USE_ACTIONS = [
  'kms:Decrypt',
  'kms:Encrypt',
  'kms:ReEncrypt*',
  'kms:GenerateDataKey*',
  'kms:DescribeKey',
];
/**
 * The role CloudFormation deploys the stack as: CDK's bootstrap `cfn-exec-role` (the DefaultStackSynthesizer's). A
 * stack synthesized otherwise has no role to name, and is refused rather than given a key no one can manage.
 */
const deployRoleArn = (stack: Stack): string => {
  if (!(stack.synthesizer instanceof DefaultStackSynthesizer))
    throw new Error(
      `${stack.stackName}: the data key's policy names CDK's bootstrap CloudFormation role; use the DefaultStackSynthesizer`,
    );
  // The synthesizer's ARN keeps `${AWS::AccountId}` and the like for a stack without a fixed environment.
  return Fn.sub(stack.synthesizer.cloudFormationExecutionRoleArn);
};

/**
 * How long SQS reuses a data key before asking KMS again (1 minute to 24 hours; default 5 minutes): an hour keeps
 * the KMS requests of busy queues to a few a day per queue and principal.
 */
export const QUEUE_DATA_KEY_REUSE = Duration.hours(1);

/**
 * The platform's own KMS key for the data bucket and the queues (rotation on). Its policy lets the account manage it
 * but not use it, nor grant its use (no `kms:CreateGrant`; `kms:PutKeyPolicy` for deploys only): only the roles named here (the pipeline's), the tenant stacks' roles named by convention
 * (`csync-<tenant>-…`), principals tagged as operators (through IAM, so they also need the operators' managed policy)
 * and S3 (to notify the encrypted inbox queue) may encrypt or decrypt with it.
 */
export class DataKey extends Construct {
  readonly key: Key;
  /** The key's policy, which CDK's grants add to. */
  private readonly document: PolicyDocument;

  constructor(scope: Construct, id: string) {
    super(scope, id);
    const account = Stack.of(this).account;
    const partition = Stack.of(this).partition;
    this.document = new PolicyDocument({
      statements: [
        new PolicyStatement({
          sid: 'AccountManagesButDoesNotUse',
          principals: [new AccountRootPrincipal()],
          actions: ADMIN_ACTIONS,
          resources: ['*'],
        }),
        new PolicyStatement({
          sid: 'DeploysChangeThePolicy',
          principals: [new AccountRootPrincipal()],
          actions: DEPLOY_ONLY_ACTIONS,
          resources: ['*'],
          conditions: { ArnEquals: { 'aws:PrincipalArn': deployRoleArn(Stack.of(this)) } },
        }),
        new PolicyStatement({
          sid: 'TenantRolesByName',
          principals: [new AnyPrincipal()],
          actions: KEY_USE_ACTIONS,
          resources: ['*'],
          conditions: {
            StringEquals: { 'aws:PrincipalAccount': account },
            ArnLike: { 'aws:PrincipalArn': `arn:${partition}:iam::${account}:role/${TENANT_ROLE_PREFIX}*` },
          },
        }),
        new PolicyStatement({
          sid: 'TaggedOperatorsThroughIam',
          principals: [new AccountRootPrincipal()],
          actions: KEY_USE_ACTIONS,
          resources: ['*'],
          conditions: { StringEquals: { [`aws:PrincipalTag/${OPERATOR_TAG}`]: 'true' } },
        }),
      ],
    });
    this.key = new Key(this, 'Key', {
      description: 'Customer Sync data: the bucket and the queues',
      enableKeyRotation: true,
      removalPolicy: RemovalPolicy.RETAIN,
      policy: this.document,
    });
  }

  /**
   * S3 needs the key to notify the encrypted inbox queue: CDK's SqsDestination adds that to the key policy (S3's
   * service principal, on condition that the source is the bucket), naming the bucket by its attribute, while the
   * bucket names the key: a circular dependency. The bucket's ARN is known from its fixed name, so the policy names it
   * so, which keeps the condition and breaks the cycle.
   */
  nameBucketByArn(bucketArnAttribute: string, literalArn: string): void {
    const stack = Stack.of(this);
    const attribute = JSON.stringify(stack.resolve(bucketArnAttribute));
    const literal = stack.resolve(literalArn);
    const replace = (value: unknown): unknown =>
      JSON.stringify(value) === attribute
        ? literal
        : Array.isArray(value)
          ? value.map(replace)
          : value && typeof value === 'object'
            ? Object.fromEntries(Object.entries(value).map(([k, v]) => [k, replace(v)]))
            : value;
    // Every statement for S3 (CDK's SqsDestination adds one with no condition at all) is held to this account's
    // bucket: S3 acting for another account's bucket cannot use the key (the confused deputy).
    const forThisBucket = {
      StringEquals: { 'aws:SourceAccount': stack.resolve(stack.account) },
      ArnLike: { 'aws:SourceArn': literal },
    };
    const s3Statements = (document: { Statement: Record<string, unknown>[] }) => ({
      ...document,
      Statement: document.Statement.map((statement) =>
        (statement.Principal as { Service?: unknown } | undefined)?.Service === 's3.amazonaws.com'
          ? { ...statement, Condition: { ...(statement.Condition as object | undefined), ...forThisBucket } }
          : statement,
      ),
    });
    const cfnKey = this.key.node.defaultChild as CfnKey;
    cfnKey.keyPolicy = Lazy.any({
      produce: () =>
        s3Statements(replace(stack.resolve(this.document)) as { Statement: Record<string, unknown>[] }),
    });
  }

  /**
   * CDK's queue grants (send, consume) also add the key's actions to each role's own policy, with KMS's wildcard
   * action names: redundant with the key policy that names the roles, and acknowledged so.
   */
  acknowledgeQueueGrants(roles: IRole[]): void {
    for (const role of roles)
      for (const action of ['kms:ReEncrypt*', 'kms:GenerateDataKey*'])
        Validations.of(role).acknowledge({
          id: `AwsSolutions-IAM5[Action::${action}]`,
          reason:
            'CDK’s SQS grants on queues encrypted with the platform key: KMS’s own action families, on that key only.',
        });
  }

  /** Lets the pipeline's own roles (the functions', the upload workflow's) use the key, naming each. */
  allowRoles(roles: IRole[]): void {
    this.key.addToResourcePolicy(
      new PolicyStatement({
        sid: 'PipelineRoles',
        principals: roles,
        actions: KEY_USE_ACTIONS,
        resources: ['*'],
      }),
    );
  }
}
