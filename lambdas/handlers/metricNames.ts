/** The functions' CloudWatch metrics (Powertools adds `service` as a dimension); alarms in lib/ use the same names. */
export const METRICS = {
  namespace: 'CustomerSync',
  service: 'customer-sync',
  /** A report email SES refused after every attempt: the run was finalized without it. */
  reportEmailsFailed: 'report_emails_failed',
  /** A run closed by a dead-letter handler as "could not be processed". */
  runsNotProcessed: 'runs_not_processed',
} as const;
