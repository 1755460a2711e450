import { Duration, Lazy, RemovalPolicy, Stack, Validations } from 'aws-cdk-lib';
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

/** What managing the key takes, without using it: CDK's list of KMS administration actions. */
const ADMIN_ACTIONS = [
  'kms:Create*',
  'kms:Describe*',
  'kms:Enable*',
  'kms:List*',
  'kms:Put*',
  'kms:Update*',
  'kms:Revoke*',
  'kms:Disable*',
  'kms:Get*',
  'kms:Delete*',
  'kms:TagResource',
  'kms:UntagResource',
  'kms:ScheduleKeyDeletion',
  'kms:CancelKeyDeletion',
];
/** What S3 (SSE-KMS with bucket keys) and SQS (SSE-KMS) ask of the key for a principal that reads and writes. */
export const KEY_USE_ACTIONS = [
  'kms:Decrypt',
  'kms:Encrypt',
  'kms:ReEncrypt*',
  'kms:GenerateDataKey*',
  'kms:DescribeKey',
];
/**
 * How long SQS reuses a data key before asking KMS again (1 minute to 24 hours; default 5 minutes): an hour keeps
 * the KMS requests of busy queues to a few a day per queue and principal.
 */
export const QUEUE_DATA_KEY_REUSE = Duration.hours(1);

/**
 * The platform's own KMS key for the data bucket and the queues (rotation on). Its policy lets the account manage it
 * but not use it: only the roles named here (the pipeline's), the tenant stacks' roles named by convention
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
    const cfnKey = this.key.node.defaultChild as CfnKey;
    cfnKey.keyPolicy = Lazy.any({ produce: () => replace(stack.resolve(this.document)) });
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
