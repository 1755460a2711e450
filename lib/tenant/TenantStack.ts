import { Stack, type StackProps } from 'aws-cdk-lib';
import { type IRole, Policy, PolicyStatement, Role } from 'aws-cdk-lib/aws-iam';
import { Bucket } from 'aws-cdk-lib/aws-s3';
import { Secret } from 'aws-cdk-lib/aws-secretsmanager';
import { EmailIdentity, Identity } from 'aws-cdk-lib/aws-ses';
import { CfnUser } from 'aws-cdk-lib/aws-transfer';
import { AwsCustomResource, AwsCustomResourcePolicy, PhysicalResourceId } from 'aws-cdk-lib/custom-resources';
import type { Construct } from 'constructs';
import type { TenantConfig } from '../../lambdas/core/config/index.js';
import { keys } from '../../lambdas/pipeline/index.js';
import { acknowledgeProviderRoles } from '../acknowledgeProviderRoles.js';
import { acknowledgeWildcards } from '../acknowledgeWildcards.js';
import type { PlatformStack } from '../platform/PlatformStack.js';
import { dataBucketName } from '../platform/Storage.js';
import { transferPrincipal } from '../platform/transferPrincipal.js';

export interface TenantStackProps extends StackProps {
  tenant: TenantConfig;
  platform: PlatformStack;
}

/**
 * One brand (SPEC §5): its SFTP user locked to `landing/<tenant>/`, its config where the Lambdas read it, read access
 * to its JOOR secret for the consumer, and its SES sender identity for the finalizer.
 */
export class TenantStack extends Stack {
  readonly user: CfnUser;

  constructor(scope: Construct, id: string, props: TenantStackProps) {
    super(scope, id, props);
    const { tenant, platform } = props;
    const bucket = Bucket.fromBucketName(this, 'Data', dataBucketName(this));
    const landing = keys.landing(tenant.tenantId);

    const userRole = new Role(this, 'SftpUserRole', {
      assumedBy: transferPrincipal(this),
      description: `SFTP access of ${tenant.tenantId} to its landing folder only`,
    });
    userRole.addToPolicy(
      new PolicyStatement({
        actions: ['s3:PutObject', 's3:GetObject', 's3:DeleteObject', 's3:GetObjectVersion'],
        resources: [bucket.arnForObjects(`${landing}*`)],
      }),
    );
    userRole.addToPolicy(
      new PolicyStatement({
        actions: ['s3:ListBucket'],
        resources: [bucket.bucketArn],
        conditions: { StringLike: { 's3:prefix': [`${landing}*`, landing] } },
      }),
    );
    acknowledgeWildcards(
      userRole,
      [[bucket.bucketArn, `/${landing}*`]],
      'The files under the tenant’s own landing folder.',
    );
    this.user = new CfnUser(this, 'SftpUser', {
      serverId: platform.sftp.server.attrServerId,
      userName: tenant.tenantId,
      role: userRole.roleArn,
      // A logical home: the user sees "/" and cannot name any other path of the bucket.
      homeDirectoryType: 'LOGICAL',
      homeDirectoryMappings: [{ entry: '/', target: `/${bucket.bucketName}/${landing.slice(0, -1)}` }],
      sshPublicKeys: tenant.sftp.sshPublicKeys,
    });

    const configKey = keys.tenantConfig(tenant.tenantId);
    const putConfig = {
      service: 'S3',
      action: 'putObject',
      parameters: {
        Bucket: bucket.bucketName,
        Key: configKey,
        Body: JSON.stringify(tenant, null, 2),
        ContentType: 'application/json',
      },
      physicalResourceId: PhysicalResourceId.of(`${tenant.tenantId}-config`),
    };
    new AwsCustomResource(this, 'TenantConfig', {
      onCreate: putConfig,
      onUpdate: putConfig,
      onDelete: {
        service: 'S3',
        action: 'deleteObject',
        parameters: { Bucket: bucket.bucketName, Key: configKey },
      },
      policy: AwsCustomResourcePolicy.fromStatements([
        new PolicyStatement({
          actions: ['s3:PutObject', 's3:DeleteObject'],
          resources: [bucket.arnForObjects(configKey)],
        }),
      ]),
      installLatestAwsSdk: false,
    });
    acknowledgeProviderRoles(
      this,
      'CDK’s custom-resource provider writing the tenant config, run at deploy time',
    );

    // Referenced by name: the secret's value is put in by the brand's engineer (docs/deploy.md), never in code.
    const secret = Secret.fromSecretNameV2(this, 'JoorSecret', tenant.joor.secretName!);
    const sender = tenant.report.sender!;
    new EmailIdentity(this, 'Sender', { identity: Identity.email(sender) });
    // The grants live in this stack, on the platform's roles: adding a tenant never changes the platform stack.
    const roleOf = (name: string, fn: { role?: IRole }) =>
      Role.fromRoleArn(this, name, fn.role!.roleArn, { mutable: true });
    new Policy(this, 'ConsumerReadsJoorSecret', {
      roles: [roleOf('ConsumerRole', platform.functions.consumer)],
      statements: [
        new PolicyStatement({
          actions: ['secretsmanager:GetSecretValue', 'secretsmanager:DescribeSecret'],
          resources: [`${secret.secretArn}-??????`],
        }),
      ],
    });
    new Policy(this, 'FinalizerSendsReport', {
      roles: [roleOf('FinalizerRole', platform.functions.finalizer)],
      statements: [
        new PolicyStatement({
          actions: ['ses:SendEmail', 'ses:SendRawEmail'],
          resources: [`arn:${this.partition}:ses:${this.region}:${this.account}:identity/${sender}`],
        }),
      ],
    });
  }
}
