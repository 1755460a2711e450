import { Aspects, Stack, type StackProps } from 'aws-cdk-lib';
import { ManagedPolicy, PolicyStatement, Role, ServicePrincipal } from 'aws-cdk-lib/aws-iam';
import type { RetentionDays } from 'aws-cdk-lib/aws-logs';
import { Bucket } from 'aws-cdk-lib/aws-s3';
import { StringParameter } from 'aws-cdk-lib/aws-ssm';
import { CfnUser } from 'aws-cdk-lib/aws-transfer';
import { AwsCustomResource, AwsCustomResourcePolicy, PhysicalResourceId } from 'aws-cdk-lib/custom-resources';
import type { Construct } from 'constructs';
import type { TenantConfig } from '../../lambdas/core/config/index.js';
import { keys } from '../../lambdas/pipeline/index.js';
import { acknowledgeProviderRoles } from '../acknowledgeProviderRoles.js';
import { acknowledgeWildcards } from '../acknowledgeWildcards.js';
import { LogRetention } from '../logRetention.js';
import { dataBucketName } from '../platform/Storage.js';
import { PLATFORM_PARAMETERS, tenantRoleName } from '../platform/tenantConventions.js';
import { transferPrincipal } from '../platform/transferPrincipal.js';

export interface TenantStackProps extends StackProps {
  tenant: TenantConfig;
  /** The platform's log retention, for CDK's provider function that writes the config. */
  logRetention: RetentionDays;
}

/**
 * One brand (SPEC §5): its SFTP user locked to `landing/<tenant>/` and its config where the Lambdas read it. Its
 * JOOR secret and SES sender are reached by convention (tenantConventions.ts), its sender identity made by the
 * senders stack.
 */
export class TenantStack extends Stack {
  readonly user: CfnUser;

  constructor(scope: Construct, id: string, props: TenantStackProps) {
    super(scope, id, props);
    const { tenant } = props;
    Aspects.of(this).add(new LogRetention(props.logRetention));
    const bucket = Bucket.fromBucketName(this, 'Data', dataBucketName(this));
    const landing = keys.landing(tenant.tenantId);

    // Named by convention: the platform's key and bucket policies admit `csync-*` roles (tenantConventions.ts).
    const userRole = new Role(this, 'SftpUserRole', {
      roleName: tenantRoleName(tenant.tenantId, 'sftp'),
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
      // Read from SSM at deploy time, not imported: a tenant deploy never deploys or pins the platform.
      serverId: StringParameter.valueForStringParameter(this, PLATFORM_PARAMETERS.sftpServerId),
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
    // Its own role, named by convention, so that it may encrypt the config with the platform's key.
    const configRole = new Role(this, 'ConfigWriterRole', {
      roleName: tenantRoleName(tenant.tenantId, 'config'),
      assumedBy: new ServicePrincipal('lambda.amazonaws.com'),
      description: `Writes the config of ${tenant.tenantId} at deploy time`,
      // What CDK gives its provider's own role (acknowledged below with the other provider roles).
      managedPolicies: [ManagedPolicy.fromAwsManagedPolicyName('service-role/AWSLambdaBasicExecutionRole')],
    });
    new AwsCustomResource(this, 'TenantConfig', {
      role: configRole,
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

    // The consumer reads the JOOR secret (customer-sync/<tenant>/…) and the finalizer sends from the tenant's SES
    // identity by grants the platform gives once for every tenant (tenantConventions.ts): nothing here touches a
    // platform resource, so tenants cannot overwrite or remove each other's access.
  }
}
