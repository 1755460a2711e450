/**
 * The functions' CloudWatch metrics. Each is published per service, per outcome where it has one, and per tenant
 * (../tenantMetrics.ts): the outcome is a dimension, never part of a name. Alarms in lib/ use the same names.
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
  /** A run closed by a dead-letter handler as "could not be processed". */
  runsNotProcessed: 'runs_not_processed',
} as const;
