import { Duration, RemovalPolicy, Stack, Validations } from 'aws-cdk-lib';
import { BlockPublicAccess, Bucket, BucketEncryption, ObjectOwnership } from 'aws-cdk-lib/aws-s3';
import { Construct } from 'constructs';
import { PREFIXES } from '../../lambdas/pipeline/index.js';

/** How long archived files, refused files and reports are kept (SPEC §5: lifecycle for each). */
export const RETENTION = {
  /**
   * A file stays in landing/ only while it uploads: the workflow moves it on, or to rejected/ when it fails (and the
   * alarm fires). Anything older is a leftover of a failure already alarmed on.
   */
  landing: Duration.days(30),
  processed: Duration.days(90),
  rejected: Duration.days(180),
  reports: Duration.days(400),
  noncurrentVersions: Duration.days(30),
  accessLogs: Duration.days(365),
};

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

  constructor(scope: Construct, id: string) {
    super(scope, id);
    const accessLogs = new Bucket(this, 'AccessLogs', {
      blockPublicAccess: BlockPublicAccess.BLOCK_ALL,
      encryption: BucketEncryption.S3_MANAGED,
      enforceSSL: true,
      objectOwnership: ObjectOwnership.BUCKET_OWNER_PREFERRED,
      lifecycleRules: [{ expiration: RETENTION.accessLogs }],
      removalPolicy: RemovalPolicy.RETAIN,
    });
    Validations.of(accessLogs).acknowledge({
      id: 'AwsSolutions-S1',
      reason: 'This is the access-log bucket of the data bucket; logging it into itself would loop.',
    });
    this.bucket = new Bucket(this, 'Data', {
      bucketName: dataBucketName(this),
      blockPublicAccess: BlockPublicAccess.BLOCK_ALL,
      encryption: BucketEncryption.S3_MANAGED,
      enforceSSL: true,
      versioned: true,
      serverAccessLogsBucket: accessLogs,
      serverAccessLogsPrefix: 'data/',
      removalPolicy: RemovalPolicy.RETAIN,
      lifecycleRules: [
        { id: 'landing', prefix: PREFIXES.landing, expiration: RETENTION.landing },
        { id: 'processed', prefix: PREFIXES.processed, expiration: RETENTION.processed },
        { id: 'rejected', prefix: PREFIXES.rejected, expiration: RETENTION.rejected },
        { id: 'reports', prefix: PREFIXES.reports, expiration: RETENTION.reports },
        { id: 'runs', prefix: PREFIXES.runs, expiration: RETENTION.reports },
        {
          id: 'old-versions',
          noncurrentVersionExpiration: RETENTION.noncurrentVersions,
          abortIncompleteMultipartUploadAfter: Duration.days(7),
        },
      ],
    });
  }
}
