import { type IVpc, Peer, Port, SecurityGroup, Vpc } from 'aws-cdk-lib/aws-ec2';
import { PolicyStatement, Role } from 'aws-cdk-lib/aws-iam';
import type { IFunction } from 'aws-cdk-lib/aws-lambda';
import { LogGroup, type RetentionDays } from 'aws-cdk-lib/aws-logs';
import type { Bucket } from 'aws-cdk-lib/aws-s3';
import { CfnServer, CfnWorkflow } from 'aws-cdk-lib/aws-transfer';
import { Construct } from 'constructs';
import { PREFIXES } from '../../lambdas/pipeline/index.js';
import { acknowledgeWildcards } from '../acknowledgeWildcards.js';
import type { PlatformSettings } from './platformSettings.js';
import { transferPrincipal } from './transferPrincipal.js';
import { UPLOAD_FAILED_FOLDER, UPLOAD_FAILED_TAG } from './uploadWorkflow.js';

/** The newest Transfer Family security policy (SSH ciphers, MACs and key exchanges). */
export const SECURITY_POLICY = 'TransferSecurityPolicy-2025-03';

/**
 * The folders the upload workflows' managed steps read and write: inbox/ is the custom step's function's to write
 * (the managed copy step keeps only a file's name, and `dry-run/` must reach the inbox).
 */
const WORKFLOW_FOLDERS = [PREFIXES.landing, PREFIXES.partial, PREFIXES.rejected];
/**
 * How long the complete-upload workflow waits for its custom step's answer: room for the function's one-minute
 * time-out several times over (Lambda retries a failed asynchronous invocation after about one, then two minutes). A
 * step not answered by then fails into the exception steps, which keep the file.
 */
export const UPLOAD_COPY_STEP_TIMEOUT_SECONDS = 600;

/** Public by default; a VPC endpoint reachable only from the ERP's addresses as an option (`platform.json`). */
export type SftpEndpoint = PlatformSettings['sftpEndpoint'];

export interface SftpProps {
  bucket: Bucket;
  /** The complete-upload workflow's custom step: copies an upload to inbox/ with its path kept (Functions.ts). */
  uploadCopy: IFunction;
  endpoint: SftpEndpoint;
  logRetention: RetentionDays;
}

/**
 * The SFTP server tenants' ERPs upload to (service-managed users), with Transfer Family's managed workflows: a complete
 * upload moves from `landing/<user>/` to `inbox/<user>/` with its path kept (a custom step: `dry-run/x` arrives as
 * a dry run, `x` as a file to sync), one whose session dropped mid-file to `partial/<user>/` (a managed copy step,
 * which keeps the name only: a cut-off upload is refused wherever it was put). The user name is the tenant id, so
 * `${transfer:UserName}` is the tenant's prefix.
 */
export class Sftp extends Construct {
  readonly server: CfnServer;
  /** The upload workflows' role, which moves files in the bucket (the data key and bucket policy name it). */
  readonly workflowRole: Role;

  constructor(scope: Construct, id: string, props: SftpProps) {
    super(scope, id);
    const { bucket } = props;
    const logGroup = new LogGroup(this, 'Logs', { retention: props.logRetention });
    const loggingRole = new Role(this, 'LoggingRole', {
      assumedBy: transferPrincipal(this),
    });
    loggingRole.addToPolicy(
      new PolicyStatement({
        actions: ['logs:CreateLogStream', 'logs:DescribeLogStreams', 'logs:PutLogEvents'],
        resources: [`${logGroup.logGroupArn}:*`],
      }),
    );
    const workflowRole = new Role(this, 'WorkflowRole', {
      assumedBy: transferPrincipal(this),
    });
    this.workflowRole = workflowRole;
    workflowRole.addToPolicy(
      new PolicyStatement({
        actions: [
          's3:GetObject',
          's3:GetObjectVersion',
          's3:GetObjectTagging',
          's3:DeleteObject',
          's3:DeleteObjectVersion',
        ],
        resources: [bucket.arnForObjects(`${PREFIXES.landing}*`)],
      }),
    );
    workflowRole.addToPolicy(
      new PolicyStatement({
        actions: ['s3:PutObject', 's3:PutObjectTagging'],
        resources: [PREFIXES.partial, PREFIXES.rejected].map((prefix) => bucket.arnForObjects(`${prefix}*`)),
      }),
    );
    // Only the folders the workflow moves files between: not every tenant's runs, state and reports.
    workflowRole.addToPolicy(
      new PolicyStatement({
        actions: ['s3:ListBucket'],
        resources: [bucket.bucketArn],
        conditions: { StringLike: { 's3:prefix': WORKFLOW_FOLDERS.map((prefix) => `${prefix}*`) } },
      }),
    );
    // The custom step: Transfer invokes the function as the workflow's role.
    props.uploadCopy.grantInvoke(workflowRole);
    acknowledgeWildcards(
      workflowRole,
      [[props.uploadCopy.functionArn, ':*']],
      'The versions of the upload-copy function the complete-upload workflow invokes (CDK’s invoke grant).',
    );
    acknowledgeWildcards(loggingRole, [[logGroup.logGroupArn, ':*']], 'The SFTP server’s own log streams.');
    acknowledgeWildcards(
      workflowRole,
      WORKFLOW_FOLDERS.map((prefix): [string, string] => [bucket.bucketArn, `/${prefix}*`]),
      'Uploaded files under the per-tenant folders the workflow moves them between.',
    );

    // Transfer's placeholders, filled in by the workflow at run time (not template strings).
    // biome-ignore lint/suspicious/noTemplateCurlyInString: a Transfer workflow placeholder
    const original = '${original.file}';
    // biome-ignore lint/suspicious/noTemplateCurlyInString: a Transfer workflow placeholder
    const previous = '${previous.file}';
    // biome-ignore lint/suspicious/noTemplateCurlyInString: a Transfer workflow placeholder
    const user = '${transfer:UserName}';
    const copyTo = (name: string, prefix: string, folder = '') => ({
      type: 'COPY',
      // Step details are passed to CloudFormation as they are: CloudFormation's own casing.
      copyStepDetails: {
        Name: name,
        DestinationFileLocation: {
          S3FileLocation: { Bucket: bucket.bucketName, Key: `${prefix}${user}/${folder}` },
        },
        OverwriteExisting: 'TRUE',
        SourceFileLocation: original,
      },
    });
    const deleteOriginal = (name: string) => ({
      type: 'DELETE',
      deleteStepDetails: { Name: name, SourceFileLocation: original },
    });
    const moveTo = (name: string, prefix: string, copy: Record<string, unknown>) =>
      new CfnWorkflow(this, name, {
        description: `Moves uploads from landing to ${prefix.slice(0, -1)}`,
        steps: [copy, deleteOriginal('delete-landing')],
        // A step that fails (a copy refused, S3 throttling past Transfer's retries) would leave the file in landing/
        // unseen: it goes to rejected/<user>/upload-failed/ tagged, and the workflow-failure alarm fires.
        onExceptionSteps: [
          copyTo('copy-to-rejected', PREFIXES.rejected, UPLOAD_FAILED_FOLDER),
          {
            type: 'TAG',
            tagStepDetails: {
              Name: 'tag-failed',
              SourceFileLocation: previous,
              Tags: [{ Key: UPLOAD_FAILED_TAG, Value: name }],
            },
          },
          deleteOriginal('delete-failed-landing'),
        ],
      });
    const copyKeepingPath = {
      type: 'CUSTOM',
      customStepDetails: {
        Name: 'copy-keeping-path',
        Target: props.uploadCopy.functionArn,
        TimeoutSeconds: UPLOAD_COPY_STEP_TIMEOUT_SECONDS,
        SourceFileLocation: original,
      },
    };
    const complete = moveTo('CompleteUpload', PREFIXES.inbox, copyKeepingPath);
    const partial = moveTo('PartialUpload', PREFIXES.partial, copyTo('copy', PREFIXES.partial));

    const endpoint = props.endpoint;
    let endpointDetails: CfnServer.EndpointDetailsProperty | undefined;
    if (endpoint.type === 'vpc') {
      const vpc: IVpc = Vpc.fromVpcAttributes(this, 'Vpc', {
        vpcId: endpoint.vpcId,
        availabilityZones: ['a'],
        publicSubnetIds: endpoint.subnetIds,
      });
      const group = new SecurityGroup(this, 'AllowErp', {
        vpc,
        description: 'SFTP from the ERP addresses only',
        allowAllOutbound: false,
      });
      for (const cidr of endpoint.allowedCidrs)
        group.addIngressRule(Peer.ipv4(cidr), Port.tcp(22), 'ERP SFTP');
      endpointDetails = {
        vpcId: endpoint.vpcId,
        subnetIds: endpoint.subnetIds,
        securityGroupIds: [group.securityGroupId],
        ...(endpoint.addressAllocationIds ? { addressAllocationIds: endpoint.addressAllocationIds } : {}),
      };
    }
    this.server = new CfnServer(this, 'Server', {
      identityProviderType: 'SERVICE_MANAGED',
      protocols: ['SFTP'],
      domain: 'S3',
      endpointType: endpoint.type === 'vpc' ? 'VPC' : 'PUBLIC',
      ...(endpointDetails ? { endpointDetails } : {}),
      securityPolicyName: SECURITY_POLICY,
      loggingRole: loggingRole.roleArn,
      structuredLogDestinations: [logGroup.logGroupArn],
      workflowDetails: {
        onUpload: [{ workflowId: complete.attrWorkflowId, executionRole: workflowRole.roleArn }],
        onPartialUpload: [{ workflowId: partial.attrWorkflowId, executionRole: workflowRole.roleArn }],
      },
    });
  }
}
