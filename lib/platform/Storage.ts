import { Duration, RemovalPolicy, Stack, Validations } from 'aws-cdk-lib';
import { AnyPrincipal, Effect, type IRole, PolicyStatement } from 'aws-cdk-lib/aws-iam';
import type { IKey } from 'aws-cdk-lib/aws-kms';
import { BlockPublicAccess, Bucket, BucketEncryption, ObjectOwnership } from 'aws-cdk-lib/aws-s3';
import { Construct } from 'constructs';
import { PREFIXES, RUN_STARTING_PREFIXES } from '../../lambdas/pipeline/index.js';
import { ERASURE_RECORD_DAYS } from './erasureRecords.js';
import { ERASURES_PREFIX } from './operatorActions.js';
import type { PlatformSettings } from './platformSettings.js';
import { OPERATOR_TAG, TENANT_CONFIG_ROLE_PATTERN, TENANT_ROLE_PREFIX } from './tenantConventions.js';

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

  /**
   * Refuses any upload that asks for another encryption than the platform's key: another KMS key, the account's
   * `aws/s3` key (`aws:kms` without a key id), SSE-S3, DSSE or a customer-provided key. An upload that asks for nothing
   * is encrypted by the bucket's default, the platform's key with a bucket key, and is let through: a bucket policy
   * sees the request's headers, not the default applied after it, so a deny on a missing header would refuse Transfer
   * Family's uploads and the functions' writes, none of which name a key (Amazon S3 User Guide, "Setting default
   * server-side encryption behavior"; "Requiring SSE-KMS for all objects written to a bucket").
   */
  denyWritesNotUnderTheKey(key: IKey): void {
    const sse = 's3:x-amz-server-side-encryption';
    const keyId = 's3:x-amz-server-side-encryption-aws-kms-key-id';
    const deny = (sid: string, conditions: Record<string, Record<string, unknown>>) =>
      this.bucket.addToResourcePolicy(
        new PolicyStatement({
          sid,
          effect: Effect.DENY,
          principals: [new AnyPrincipal()],
          actions: ['s3:PutObject'],
          resources: [this.bucket.arnForObjects('*')],
          conditions,
        }),
      );
    deny('OnlyThePlatformKeyNamed', {
      Null: { [keyId]: 'false' },
      StringNotEquals: { [keyId]: [key.keyArn, key.keyId] },
    });
    deny('NoOtherEncryption', { Null: { [sse]: 'false' }, StringNotEquals: { [sse]: 'aws:kms' } });
    deny('NoAccountDefaultKey', { StringEquals: { [sse]: 'aws:kms' }, Null: { [keyId]: 'true' } });
    deny('NoCustomerProvidedKey', {
      Null: { 's3:x-amz-server-side-encryption-customer-algorithm': 'false' },
    });
  }

  /**
   * Only deploys write the tenant configs: every principal but the tenant stacks' config writers (named by convention,
   * TENANT_CONFIG_ROLE_PATTERN) is refused writing or deleting under `config/`, operators included. A config planted
   * there would point a tenant's JOOR credentials and customers elsewhere (the functions also check the hosts).
   */
  denyConfigWritesExceptDeploys(): void {
    const { account, partition } = Stack.of(this);
    this.bucket.addToResourcePolicy(
      new PolicyStatement({
        sid: 'OnlyDeploysWriteConfig',
        effect: Effect.DENY,
        principals: [new AnyPrincipal()],
        actions: ['s3:PutObject', 's3:DeleteObject', 's3:DeleteObjectVersion'],
        resources: [this.bucket.arnForObjects(`${PREFIXES.config}*`)],
        conditions: {
          ArnNotLike: {
            'aws:PrincipalArn': `arn:${partition}:iam::${account}:role/${TENANT_CONFIG_ROLE_PATTERN}`,
          },
        },
      }),
    );
  }

  /**
   * Only the upload workflow starts runs: an object written under inbox/ or partial/ is a file to sync (its S3 event
   * starts a run that sends its customers to the tenant's JOOR), so every principal but these roles (the upload-copy
   * function's, the workflow's) and tagged operators (`replay`, the runbook's move of a failed upload) is refused
   * writing there.
   */
  denyRunStartsExcept(writers: IRole[]): void {
    this.bucket.addToResourcePolicy(
      new PolicyStatement({
        sid: 'OnlyUploadsStartRuns',
        effect: Effect.DENY,
        principals: [new AnyPrincipal()],
        actions: ['s3:PutObject'],
        resources: RUN_STARTING_PREFIXES.map((prefix) => this.bucket.arnForObjects(`${prefix}*`)),
        conditions: {
          ArnNotEquals: { 'aws:PrincipalArn': writers.map((role) => role.roleArn) },
          StringNotEquals: { [`aws:PrincipalTag/${OPERATOR_TAG}`]: 'true' },
        },
      }),
    );
  }

  /** The records of erasures are removed by no principal: they go only when the bucket's lifecycle expires them. */
  denyErasureRecordDeletes(): void {
    this.bucket.addToResourcePolicy(
      new PolicyStatement({
        sid: 'ErasureRecordsStay',
        effect: Effect.DENY,
        principals: [new AnyPrincipal()],
        actions: ['s3:DeleteObject', 's3:DeleteObjectVersion'],
        resources: [this.bucket.arnForObjects(`${ERASURES_PREFIX}*`)],
      }),
    );
  }
}
