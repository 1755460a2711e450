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
import { METRICS } from '../../lambdas/handlers/metrics/index.js';
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
] as const;
export type RunbookSection = (typeof RUNBOOK_SECTIONS)[number];

export interface MonitoringProps {
  functions: IFunction[];
  deadLetterQueues: { queue: Queue; runbook: RunbookSection }[];
  agedQueues: { queue: Queue; maxAge: Duration; runbook: RunbookSection }[];
  operatorEmails: string[];
  /** The SFTP server whose upload workflows are watched. */
  sftpServerId: string;
}

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
    const alarm = (
      name: string,
      metric: IMetric,
      threshold: number,
      description: string,
      runbook: RunbookSection,
    ): void => {
      new Alarm(this, name, {
        metric,
        threshold,
        evaluationPeriods: 1,
        comparisonOperator: ComparisonOperator.GREATER_THAN_OR_EQUAL_TO_THRESHOLD,
        treatMissingData: TreatMissingData.NOT_BREACHING,
        alarmDescription: `${description} Runbook: ${RUNBOOK}#${runbook}`,
      }).addAlarmAction(action);
    };

    // Each alarm's id (and so its logical id) comes from what it watches, never from its place in a list:
    // reordering or extending a list then replaces no alarm.
    for (const { queue, runbook } of props.deadLetterQueues)
      alarm(
        `DeadLetters${queue.node.id}`,
        deadLetterArrivals(queue),
        1,
        `A message reached ${queue.node.id}: a batch or file exhausted its retries.`,
        runbook,
      );
    for (const { queue, maxAge, runbook } of props.agedQueues)
      alarm(
        `OldestMessage${queue.node.id}`,
        queue.metricApproximateAgeOfOldestMessage({ period: PERIOD }),
        maxAge.toSeconds(),
        `${queue.node.id} has waited over ${maxAge.toHumanString()}.`,
        runbook,
      );
    for (const fn of props.functions)
      alarm(
        `Errors${fn.node.id}`,
        fn.metricErrors({ period: PERIOD }),
        1,
        `Errors in ${fn.node.id}.`,
        'function-errors',
      );
    const transferMetric = (metricName: string) =>
      new Metric({
        namespace: 'AWS/Transfer',
        metricName,
        dimensionsMap: { ServerId: props.sftpServerId },
        statistic: 'Sum',
        period: PERIOD,
      });
    const pipelineMetric = (metricName: string) =>
      new Metric({
        namespace: METRICS.namespace,
        metricName,
        dimensionsMap: { service: METRICS.service },
        statistic: 'Sum',
        period: PERIOD,
      });
    // Transfer's managed workflows publish their failures per server (Transfer Family User Guide, "Using CloudWatch
    // metrics for Transfer Family"); a failed upload is moved to rejected/<tenant>/upload-failed/ by the exception steps.
    const workflowFailures = new MathExpression({
      expression: 'complete + partial',
      usingMetrics: {
        complete: transferMetric('OnUploadExecutionsFailed'),
        partial: transferMetric('OnPartialUploadExecutionsFailed'),
      },
      period: PERIOD,
      label: 'Upload workflow failures',
    });
    alarm(
      'UploadWorkflowFailed',
      workflowFailures,
      1,
      'A Transfer Family upload workflow failed: the file is under rejected/<tenant>/upload-failed/, not processed.',
      'upload-workflow-failed',
    );
    alarm(
      'RunsNotProcessed',
      pipelineMetric(METRICS.runsNotProcessed),
      1,
      'A run was closed as "could not be processed" by a dead-letter handler (its splitter or finalizer failed at every delivery); the report names the run.',
      'runs-not-processed',
    );
    alarm(
      'ReportEmailsFailed',
      pipelineMetric(METRICS.reportEmailsFailed),
      1,
      'A report email was not sent (SES refused it after every attempt): the run was finalized without it.',
      'report-emails-failed',
    );

    this.dashboard = new Dashboard(this, 'Dashboard', {
      widgets: [
        [
          new GraphWidget({
            title: 'Queue depth',
            left: [...props.agedQueues, ...props.deadLetterQueues].map(({ queue: q }) =>
              q.metricApproximateNumberOfMessagesVisible({ period: PERIOD }),
            ),
          }),
          new GraphWidget({
            title: 'Age of oldest message (s)',
            left: props.agedQueues.map((q) =>
              q.queue.metricApproximateAgeOfOldestMessage({ period: PERIOD }),
            ),
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
      ],
    });
  }
}
