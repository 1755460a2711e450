import { Duration } from 'aws-cdk-lib';
import {
  Alarm,
  ComparisonOperator,
  Dashboard,
  GraphWidget,
  type IMetric,
  MathExpression,
  Metric,
  TreatMissingData,
} from 'aws-cdk-lib/aws-cloudwatch';
import { SnsAction } from 'aws-cdk-lib/aws-cloudwatch-actions';
import { ServicePrincipal } from 'aws-cdk-lib/aws-iam';
import { Key } from 'aws-cdk-lib/aws-kms';
import type { IFunction } from 'aws-cdk-lib/aws-lambda';
import { Topic } from 'aws-cdk-lib/aws-sns';
import { EmailSubscription } from 'aws-cdk-lib/aws-sns-subscriptions';
import type { Queue } from 'aws-cdk-lib/aws-sqs';
import { Construct } from 'constructs';
import { METRICS, type MetricName, RUN_OUTCOMES } from '../../lambdas/handlers/metrics/index.js';
import { ALARM_PERIOD_MINUTES } from './alarmPeriod.js';

const PERIOD = Duration.minutes(ALARM_PERIOD_MINUTES);

/** Where each alarm's description sends the operator (docs/runbook.md has an anchor for each). */
export const RUNBOOK = 'docs/runbook.md';
export const RUNBOOK_SECTIONS = [
  'dead-letters-inbox',
  'dead-letters-work',
  'dead-letters-finalize',
  'dead-letters-jobs',
  'old-messages-work',
  'old-messages-inbox',
  'function-errors',
  'upload-workflow-failed',
  'runs-not-processed',
  'report-emails-failed',
  'ses-quota',
] as const;
export type RunbookSection = (typeof RUNBOOK_SECTIONS)[number];

export interface MonitoringProps {
  functions: IFunction[];
  deadLetterQueues: { queue: Queue; runbook: RunbookSection }[];
  agedQueues: { queue: Queue; maxAge: Duration; runbook: RunbookSection }[];
  operatorEmails: string[];
  /** The SFTP server whose upload workflows are watched. */
  sftpServerId: string;
  /** The account's SES sending quota (emails per 24 hours; platform.json's `alarms.sesDailyQuota`). */
  sesDailyQuota: number;
}

/** The share of SES's daily quota at which the operators are told, while a quota increase can still come in time. */
export const SES_QUOTA_ALARM_PERCENT = 80;

/**
 * A dead-letter queue's arrivals. A dead-letter handler drains its queue as messages arrive, so the visible count
 * stays near 0; and SQS does not count messages its redrive policy moves in NumberOfMessagesSent (SQS Developer
 * Guide, "Available CloudWatch metrics for Amazon SQS"). Every arrival is received by the handler at least once:
 * receives, or visible messages when the handler itself is failing.
 */
const deadLetterArrivals = (queue: Queue): IMetric =>
  new MathExpression({
    expression: 'MAX([received, visible])',
    usingMetrics: {
      received: queue.metricNumberOfMessagesReceived({ period: PERIOD, statistic: 'Sum' }),
      visible: queue.metricApproximateNumberOfMessagesVisible({ period: PERIOD }),
    },
    period: PERIOD,
    label: `${queue.node.id} arrivals`,
  });

/** A sum of one of AWS Transfer's metrics for the platform's SFTP server. */
const transferMetric = (serverId: string, metricName: string): Metric =>
  new Metric({
    namespace: 'AWS/Transfer',
    metricName,
    dimensionsMap: { ServerId: serverId },
    statistic: 'Sum',
    period: PERIOD,
  });

/**
 * A sum of one of the pipeline's own metrics (Powertools Metrics, lambdas/handlers/metrics), for the whole platform
 * or for one outcome of it: the dimension sets the handlers publish (dimensionSetsOf), never a tenant's.
 */
const pipelineMetric = (metricName: MetricName, outcome?: string): Metric =>
  new Metric({
    namespace: METRICS.namespace,
    metricName,
    dimensionsMap: { service: METRICS.service, ...(outcome ? { outcome } : {}) },
    statistic: 'Sum',
    period: PERIOD,
    ...(outcome ? { label: `${metricName} ${outcome}` } : {}),
  });

/**
 * Transfer's managed workflows publish their failures per server (Transfer Family User Guide, "Using CloudWatch
 * metrics for Transfer Family"); a failed upload is moved to rejected/<tenant>/upload-failed/ by the exception steps.
 */
const workflowFailures = (serverId: string): IMetric =>
  new MathExpression({
    expression: 'complete + partial',
    usingMetrics: {
      complete: transferMetric(serverId, 'OnUploadExecutionsFailed'),
      partial: transferMetric(serverId, 'OnPartialUploadExecutionsFailed'),
    },
    period: PERIOD,
    label: 'Upload workflow failures',
  });

/**
 * The share of the account's SES daily quota used over the last 24 hours (a sliding day: SES counts its quota over
 * the past 24 hours). SES publishes no quota usage to CloudWatch (GetSendQuota answers it, on request); it publishes
 * `Send` for the account in AWS/SES without dimensions (CloudWatch User Guide, "Amazon SES metrics and dimensions"),
 * every send of the account, the platform's report emails being most of them.
 */
const sesQuotaUsed = (dailyQuota: number): IMetric =>
  new MathExpression({
    expression: `100 * sends / ${dailyQuota}`,
    usingMetrics: {
      sends: new Metric({
        namespace: 'AWS/SES',
        metricName: 'Send',
        statistic: 'Sum',
        period: Duration.days(1),
      }),
    },
    period: Duration.days(1),
    label: `SES daily quota used (% of ${dailyQuota})`,
  });

/** What one alarm watches, from when on it fires, and what its description tells the operator. */
interface AlarmSpec {
  /** Its construct id: from what it watches, never from its place in a list, so reordering replaces no alarm. */
  id: string;
  metric: IMetric;
  threshold: number;
  description: string;
  runbook: RunbookSection;
}

/** Every alarm of the platform: dead letters, old messages, function errors, failed uploads, runs and emails. */
const alarmsOf = (props: MonitoringProps): AlarmSpec[] => [
  ...props.deadLetterQueues.map(({ queue, runbook }) => ({
    id: `DeadLetters${queue.node.id}`,
    metric: deadLetterArrivals(queue),
    threshold: 1,
    description: `A message reached ${queue.node.id}: a batch or file exhausted its retries.`,
    runbook,
  })),
  ...props.agedQueues.map(({ queue, maxAge, runbook }) => ({
    id: `OldestMessage${queue.node.id}`,
    metric: queue.metricApproximateAgeOfOldestMessage({ period: PERIOD }),
    threshold: maxAge.toSeconds(),
    description: `${queue.node.id} has waited over ${maxAge.toHumanString()}.`,
    runbook,
  })),
  ...props.functions.map((fn) => ({
    id: `Errors${fn.node.id}`,
    metric: fn.metricErrors({ period: PERIOD }),
    threshold: 1,
    description: `Errors in ${fn.node.id}.`,
    runbook: 'function-errors' as const,
  })),
  {
    id: 'UploadWorkflowFailed',
    metric: workflowFailures(props.sftpServerId),
    threshold: 1,
    description:
      'A Transfer Family upload workflow failed: the file is under rejected/<tenant>/upload-failed/, not processed.',
    runbook: 'upload-workflow-failed',
  },
  {
    id: 'RunsNotProcessed',
    metric: pipelineMetric(METRICS.runsNotProcessed),
    threshold: 1,
    description:
      'A run was closed as "could not be processed" by a dead-letter handler (its splitter or finalizer failed at every delivery); the report names the run.',
    runbook: 'runs-not-processed',
  },
  {
    id: 'ReportEmailsFailed',
    metric: pipelineMetric(METRICS.reportEmailsFailed),
    threshold: 1,
    description:
      'A report email was not sent (SES refused it after every attempt): the run was finalized without it.',
    runbook: 'report-emails-failed',
  },
  {
    id: 'SesQuota',
    metric: sesQuotaUsed(props.sesDailyQuota),
    threshold: SES_QUOTA_ALARM_PERCENT,
    description: `SES sent ${SES_QUOTA_ALARM_PERCENT}% of the account's daily quota (${props.sesDailyQuota}, platform.json) in the last 24 hours: past it, report emails are held until the quota frees.`,
    runbook: 'ses-quota',
  },
];

/**
 * The dashboard's graphs: queue depth and age, function errors and duration, and the pipeline's own figures for the
 * whole platform (a tenant's are in the logs: docs/runbook.md, "Per-tenant figures").
 */
const dashboardWidgets = (props: MonitoringProps): GraphWidget[][] => [
  [
    new GraphWidget({
      title: 'Queue depth',
      left: [...props.agedQueues, ...props.deadLetterQueues].map(({ queue: q }) =>
        q.metricApproximateNumberOfMessagesVisible({ period: PERIOD }),
      ),
    }),
    new GraphWidget({
      title: 'Age of oldest message (s)',
      left: props.agedQueues.map((q) => q.queue.metricApproximateAgeOfOldestMessage({ period: PERIOD })),
    }),
  ],
  [
    new GraphWidget({
      title: 'Function errors',
      left: props.functions.map((fn) => fn.metricErrors({ period: PERIOD })),
    }),
    new GraphWidget({
      title: 'Function duration (ms)',
      left: props.functions.map((fn) => fn.metricDuration({ period: PERIOD })),
    }),
  ],
  [
    new GraphWidget({
      title: 'Runs by outcome',
      left: RUN_OUTCOMES.map((outcome) => pipelineMetric(METRICS.runs, outcome)),
    }),
    new GraphWidget({
      title: 'Customers',
      left: [METRICS.customersAccepted, METRICS.customersFailed, METRICS.customersDeadLettered].map((name) =>
        pipelineMetric(name),
      ),
    }),
  ],
  [
    new GraphWidget({
      title: 'JOOR credits and 429s',
      left: [pipelineMetric(METRICS.joorCredits)],
      right: [pipelineMetric(METRICS.joorThrottled)],
    }),
    new GraphWidget({
      title: 'Report emails not sent or held; SES daily quota used (%)',
      left: [pipelineMetric(METRICS.reportEmailsFailed), pipelineMetric(METRICS.reportEmailsHeld)],
      right: [sesQuotaUsed(props.sesDailyQuota)],
    }),
  ],
];

/** Alarms on dead-letter depth, age of the oldest message and function errors, to an SNS topic; and a dashboard. */
export class Monitoring extends Construct {
  readonly topic: Topic;
  readonly topicKey: Key;
  /** The dashboard, whose generated name the stack outputs (the guide points there, not to a fixed name). */
  readonly dashboard: Dashboard;

  constructor(scope: Construct, id: string, props: MonitoringProps) {
    super(scope, id);
    const key = new Key(this, 'TopicKey', {
      enableKeyRotation: true,
      description: 'Customer Sync operator alarms',
    });
    key.grantEncryptDecrypt(new ServicePrincipal('cloudwatch.amazonaws.com'));
    this.topicKey = key;
    this.topic = new Topic(this, 'Alarms', { masterKey: key, enforceSSL: true });
    for (const email of props.operatorEmails) this.topic.addSubscription(new EmailSubscription(email));
    const action = new SnsAction(this.topic);
    // Every alarm names its runbook section: what it means, how to see what happened, how to fix it.
    for (const spec of alarmsOf(props))
      new Alarm(this, spec.id, {
        metric: spec.metric,
        threshold: spec.threshold,
        evaluationPeriods: 1,
        comparisonOperator: ComparisonOperator.GREATER_THAN_OR_EQUAL_TO_THRESHOLD,
        treatMissingData: TreatMissingData.NOT_BREACHING,
        alarmDescription: `${spec.description} Runbook: ${RUNBOOK}#${spec.runbook}`,
      }).addAlarmAction(action);
    this.dashboard = new Dashboard(this, 'Dashboard', { widgets: dashboardWidgets(props) });
  }
}
