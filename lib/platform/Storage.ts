import { Duration, RemovalPolicy, Stack, Validations } from 'aws-cdk-lib';
import { AnyPrincipal, Effect, type IRole, PolicyStatement } from 'aws-cdk-lib/aws-iam';
import type { IKey } from 'aws-cdk-lib/aws-kms';
import { BlockPublicAccess, Bucket, BucketEncryption, ObjectOwnership } from 'aws-cdk-lib/aws-s3';
import { Construct } from 'constructs';
import { PREFIXES } from '../../lambdas/pipeline/index.js';
import { ERASURE_RECORD_DAYS } from './erasureRecords.js';
import { ERASURES_PREFIX } from './operatorActions.js';
import type { PlatformSettings } from './platformSettings.js';
import { OPERATOR_TAG, TENANT_ROLE_PREFIX } from './tenantConventions.js';

/**
 * The prefixes each retention period of `platform.json` applies to (docs/deploy.md, "Retention"). A file stays in
 * landing/ only while it uploads, and in inbox/ or partial/ only until its run archives it: anything older there is a
 * leftover of a failure already alarmed on. `state/` (the synced snapshot, lock and waiting list) has no expiry: it
 * lives as long as the tenant. `config/` is the tenant stack's, `erasures/` holds no personal data.
 */
export const RETENTION_PREFIXES = {
  rawFiles: [PREFIXES.landing, PREFIXES.inbox, PREFIXES.partial, PREFIXES.processed, PREFIXES.rejected],
  runRecords: [PREFIXES.runs, PREFIXES.reports],
} as const;
/** Server access logs name keys (tenants, run ids, file names), never their contents. */
const ACCESS_LOG_RETENTION = Duration.days(365);
/** A multipart upload cut off mid-way (its parts hold data) is removed after a day. */
const ABORT_MULTIPART_AFTER = Duration.days(1);

export interface StorageProps {
  /** The platform's key (DataKey): the bucket is encrypted with it, with S3 bucket keys. */
  key: IKey;
  retention: PlatformSettings['retention'];
}

/**
 * The data bucket's name, the same in every stack of an account and region: tenant stacks name it without a
 * cross-stack reference.
 */
export const dataBucketName = (scope: Construct): string =>
  `customer-sync-data-${Stack.of(scope).account}-${Stack.of(scope).region}`;

/**
 * The bucket every tenant's files, runs, reports and state live in: private, encrypted, TLS only, versioned (a run is
 * one object version), with server access logs and a lifecycle per prefix.
 */
export class Storage extends Construct {
  readonly bucket: Bucket;

  constructor(scope: Construct, id: string, props: StorageProps) {
    super(scope, id);
    const { retention } = props;
    const accessLogs = new Bucket(this, 'AccessLogs', {
      blockPublicAccess: BlockPublicAccess.BLOCK_ALL,
      encryption: BucketEncryption.S3_MANAGED,
      enforceSSL: true,
      objectOwnership: ObjectOwnership.BUCKET_OWNER_PREFERRED,
      lifecycleRules: [{ expiration: ACCESS_LOG_RETENTION }],
      removalPolicy: RemovalPolicy.RETAIN,
    });
    Validations.of(accessLogs).acknowledge({
      id: 'AwsSolutions-S1',
      reason: 'This is the access-log bucket of the data bucket; logging it into itself would loop.',
    });
    this.bucket = new Bucket(this, 'Data', {
      bucketName: dataBucketName(this),
      blockPublicAccess: BlockPublicAccess.BLOCK_ALL,
      // The platform's key with S3 bucket keys: S3 asks KMS for a bucket-level key now and then instead of one request
      // per object, which keeps KMS's cost to cents (docs/deploy.md, costs).
      encryption: BucketEncryption.KMS,
      encryptionKey: props.key,
      bucketKeyEnabled: true,
      enforceSSL: true,
      versioned: true,
      serverAccessLogsBucket: accessLogs,
      serverAccessLogsPrefix: 'data/',
      removalPolicy: RemovalPolicy.RETAIN,
      lifecycleRules: [
        ...RETENTION_PREFIXES.rawFiles.map((prefix) => ({
          id: prefix.slice(0, -1),
          prefix,
          expiration: Duration.days(retention.rawFilesDays),
        })),
        ...RETENTION_PREFIXES.runRecords.map((prefix) => ({
          id: prefix.slice(0, -1),
          prefix,
          expiration: Duration.days(retention.runRecordsDays),
        })),
        {
          // erase's records (counts and keyed digests, no personal data): kept for the stated period, then gone.
          id: 'erasures',
          prefix: ERASURES_PREFIX,
          expiration: Duration.days(ERASURE_RECORD_DAYS),
        },
        {
          // An expired or overwritten object's data stays as a non-current version until this rule removes it; the
          // delete markers expiry leaves behind go too.
          id: 'old-versions',
          noncurrentVersionExpiration: Duration.days(retention.oldVersionsDays),
          expiredObjectDeleteMarker: true,
          abortIncompleteMultipartUploadAfter: ABORT_MULTIPART_AFTER,
        },
      ],
    });
  }

  /**
   * Denies reading any object to every principal of the account but these roles, the tenant stacks' roles named by
   * convention and principals tagged as operators: an `s3:GetObject` granted elsewhere in the account (an
   * administrator's `*`, another application's role) does not reach the brands' data.
   */
  denyReadsExcept(roles: IRole[]): void {
    const { account, partition } = Stack.of(this);
    this.bucket.addToResourcePolicy(
      new PolicyStatement({
        sid: 'OnlyThePipelineAndOperatorsRead',
        effect: Effect.DENY,
        principals: [new AnyPrincipal()],
        actions: ['s3:GetObject', 's3:GetObjectVersion'],
        resources: [this.bucket.arnForObjects('*')],
        conditions: {
          ArnNotLike: {
            'aws:PrincipalArn': [
              ...roles.map((role) => role.roleArn),
              `arn:${partition}:iam::${account}:role/${TENANT_ROLE_PREFIX}*`,
            ],
          },
          StringNotEquals: { [`aws:PrincipalTag/${OPERATOR_TAG}`]: 'true' },
        },
      }),
    );
  }
}
