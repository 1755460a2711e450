import { Aspects, CfnOutput, Duration, Stack, type StackProps } from 'aws-cdk-lib';
import { EventType } from 'aws-cdk-lib/aws-s3';
import { SqsDestination } from 'aws-cdk-lib/aws-s3-notifications';
import { StringParameter } from 'aws-cdk-lib/aws-ssm';
import type { Construct } from 'constructs';
import { RUN_STARTING_PREFIXES } from '../../lambdas/pipeline/index.js';
import { acknowledgeProviderRoles } from '../acknowledgeProviderRoles.js';
import { LogRetention } from '../logRetention.js';
import { DataKey, QUEUE_DATA_KEY_REUSE } from './DataKey.js';
import { ErasureSecret } from './ErasureSecret.js';
import { ERASURE_SECRET_OUTPUT } from './erasureRecords.js';
import { Functions, READER_TIMEOUTS } from './Functions.js';
import { Monitoring } from './Monitoring.js';
import { OperatorPolicy } from './OperatorPolicy.js';
import { PLATFORM_OUTPUTS, QUEUE_NAMES } from './platformOutputs.js';
import { type PlatformSettings, parsePlatformSettings } from './platformSettings.js';
import { Queues } from './Queues.js';
import { ReportEmail } from './ReportEmail.js';
import { Sftp } from './Sftp.js';
import { dataBucketName, Storage } from './Storage.js';
import { PLATFORM_PARAMETERS } from './tenantConventions.js';

export interface PlatformStackProps extends StackProps {
  /** From `platform.json`; parsed with its defaults when not given (tests). */
  settings?: PlatformSettings;
}

/**
 * One per account and region (SPEC §5): the SFTP server tenants share (it is billed by the hour), the bucket, the
 * queues, the Lambdas, the event wiring, alarms and a dashboard.
 */
export class PlatformStack extends Stack {
  readonly storage: Storage;
  readonly queues: Queues;
  readonly functions: Functions;
  readonly sftp: Sftp;

  constructor(scope: Construct, id: string, props: PlatformStackProps = {}) {
    super(scope, id, props);
    const settings = props.settings ?? parsePlatformSettings({ operatorEmails: [], alarmsToNobody: true });
    const dataKey = new DataKey(this, 'DataKey');
    this.storage = new Storage(this, 'Storage', { key: dataKey.key, retention: settings.retention });
    const { bucket } = this.storage;
    this.queues = new Queues(this, 'Queues', {
      readerTimeouts: READER_TIMEOUTS,
      key: dataKey.key,
      dataKeyReuse: QUEUE_DATA_KEY_REUSE,
      retention: settings.retention,
    });
    this.functions = new Functions(this, 'Functions', {
      bucket,
      queues: this.queues,
      logRetention: settings.logRetentionDays,
      bounds: settings.bounds,
    });
    // Nothing else the pipeline writes starts a run.
    for (const prefix of RUN_STARTING_PREFIXES) {
      bucket.addEventNotification(EventType.OBJECT_CREATED, new SqsDestination(this.queues.inbox), {
        prefix,
      });
    }
    acknowledgeProviderRoles(this, 'CDK’s bucket-notification provider, run once at deploy time');
    Aspects.of(this).add(new LogRetention(settings.logRetentionDays));
    this.sftp = new Sftp(this, 'Sftp', {
      bucket,
      uploadCopy: this.functions.uploadCopy,
      endpoint: settings.sftpEndpoint,
      logRetention: settings.logRetentionDays,
    });
    // Who may use the data key and read the bucket: the pipeline's roles by name, tenants' by convention, operators
    // by tag (DataKey, Storage.denyReadsExcept).
    const pipelineRoles = [...this.functions.roles, this.sftp.workflowRole];
    dataKey.allowRoles(pipelineRoles);
    dataKey.nameBucketByArn(bucket.bucketArn, `arn:${this.partition}:s3:::${dataBucketName(this)}`);
    dataKey.acknowledgeQueueGrants(this.functions.roles);
    this.storage.denyReadsExcept(pipelineRoles);
    this.storage.denyWritesNotUnderTheKey(dataKey.key);
    this.storage.denyConfigWritesExceptDeploys();
    this.storage.denyRunStartsExcept([this.functions.uploadCopy.role!, this.sftp.workflowRole]);
    this.storage.denyErasureRecordDeletes();
    this.queues.denyReceivesExcept((reader) => this.functions.byName[reader].role!, QUEUE_NAMES);
    const monitoring = new Monitoring(this, 'Monitoring', {
      functions: this.functions.all,
      deadLetterQueues: [
        { queue: this.queues.inboxDlq, runbook: 'dead-letters-inbox' },
        { queue: this.queues.workDlq, runbook: 'dead-letters-work' },
        { queue: this.queues.finalizeDlq, runbook: 'dead-letters-finalize' },
        { queue: this.queues.jobsDlq, runbook: 'dead-letters-jobs' },
      ],
      agedQueues: [
        {
          queue: this.queues.work,
          maxAge: Duration.minutes(settings.alarms.workQueueAgeMinutes),
          runbook: 'old-messages-work',
        },
        {
          queue: this.queues.inbox,
          maxAge: Duration.minutes(settings.alarms.inboxQueueAgeMinutes),
          runbook: 'old-messages-inbox',
        },
      ],
      operatorEmails: settings.operatorEmails,
      sftpServerId: this.sftp.server.attrServerId,
      sesDailyQuota: settings.alarms.sesDailyQuota,
    });
    new ReportEmail(this, 'ReportEmail', { topic: monitoring.topic, topicKey: monitoring.topicKey });
    // Tenant stacks read the server id at deploy time (a weak reference): see tenantConventions.ts.
    new StringParameter(this, 'SftpServerIdParameter', {
      parameterName: PLATFORM_PARAMETERS.sftpServerId,
      stringValue: this.sftp.server.attrServerId,
      description: 'The Customer Sync SFTP server tenants’ users are created on',
    });
    const erasure = new ErasureSecret(this, 'Erasure');
    const operators = new OperatorPolicy(this, 'Operators', {
      bucket,
      key: dataKey.key,
      erasureSecret: erasure.secret,
      queues: this.queues.pairs,
    });
    new CfnOutput(this, 'OperatorPolicyArn', {
      value: operators.policy.managedPolicyArn,
      description: 'Attach to the operators’ role or group, and tag them customer-sync-operator=true',
    });
    new CfnOutput(this, PLATFORM_OUTPUTS.bucket, { value: bucket.bucketName });
    new CfnOutput(this, ERASURE_SECRET_OUTPUT, { value: erasure.secret.secretArn });
    for (const name of QUEUE_NAMES) {
      const { queue, deadLetters } = this.queues.pairs[name];
      new CfnOutput(this, PLATFORM_OUTPUTS.queues[name].url, { value: queue.queueUrl });
      new CfnOutput(this, PLATFORM_OUTPUTS.queues[name].deadLetterUrl, { value: deadLetters.queueUrl });
    }
    new CfnOutput(this, 'DashboardName', { value: monitoring.dashboard.dashboardName });
    new CfnOutput(this, 'SftpServerId', { value: this.sftp.server.attrServerId });
    new CfnOutput(this, 'SftpEndpoint', {
      value: `${this.sftp.server.attrServerId}.server.transfer.${this.region}.amazonaws.com`,
    });
  }
}
