/**
 * The functions' CloudWatch metrics, published for the platform as a whole (../platformMetric.ts): each is one metric
 * per `service`, and `runs` one more per outcome, which the dashboard graphs. None carries the tenant: a custom metric
 * is billed per name and dimension set every month, so a tenant dimension made the bill grow with every brand (11
 * metrics each, read by no alarm). A tenant's figures are in its runs' log lines (`run finalized`, `batch processed`,
 * `jobs checked`: docs/runbook.md has the Logs Insights query) and in its stored reports. Alarms and the dashboard
 * in lib/ use the same names.
 */
export const METRICS = {
  namespace: 'CustomerSync',
  service: 'customer-sync',
  /** Files the splitter took (outcome: what startRun did with it). */
  files: 'files',
  /** Customers in the batches the consumer handled (outcome: posted, recorded, resumed, already_recorded). */
  customersSent: 'customers_sent',
  /** Credits the tenant's JOOR client spent, and the 429s JOOR answered it. */
  joorCredits: 'joor_credits',
  joorThrottled: 'joor_throttled',
  /** Looks at a run's JOOR jobs (outcome: waiting, done). */
  jobChecks: 'job_checks',
  /** Runs finalized (outcome: success, error, refused), and what they came to. */
  runs: 'runs',
  rows: 'rows',
  rowsRejected: 'rows_rejected',
  customersAccepted: 'customers_accepted',
  customersFailed: 'customers_failed',
  runDuration: 'run_duration',
  /** Customers of batches that exhausted their receives, recorded as failed. */
  customersDeadLettered: 'customers_dead_lettered',
  /** A report email SES refused after every attempt: the run was finalized without it. */
  reportEmailsFailed: 'report_emails_failed',
  /** A report email SES throttled past the client's retries: held, and sent by a later finalizer (heldReports.ts). */
  reportEmailsHeld: 'report_emails_held',
  /** A run closed by a dead-letter handler as "could not be processed". */
  runsNotProcessed: 'runs_not_processed',
} as const;

export type MetricName = Exclude<
  (typeof METRICS)[keyof typeof METRICS],
  typeof METRICS.namespace | typeof METRICS.service
>;

/**
 * The metrics published per outcome as well as per service: only where the dashboard or an alarm reads the outcome
 * (lib/platform/Monitoring.ts graphs runs by outcome). Every other metric's outcome is in its log line.
 */
const BY_OUTCOME: readonly MetricName[] = [METRICS.runs];

/** The outcomes of a finalized run, which the dashboard graphs one by one. */
export const RUN_OUTCOMES = ['success', 'error', 'refused'] as const;

/** The dimension sets a metric is published under (its `service` always; its outcome where BY_OUTCOME says). */
export const dimensionSetsOf = (name: MetricName): string[][] =>
  BY_OUTCOME.includes(name) ? [['service'], ['service', 'outcome']] : [['service']];
