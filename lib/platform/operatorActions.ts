import { PREFIXES } from '../../lambdas/pipeline/index.js';

/** Where `customer-sync erase` keeps its records of erasures (counts and hashed codes: no personal data). */
export const ERASURES_PREFIX = 'erasures/';

/**
 * What the operator commands (tools/operator: runs, run, replay, unlock, redrive, erase) call, as IAM actions, and on
 * what: the operators' managed policy is built from this and nothing else, and test/e2e/operatorCommands.test.ts
 * records every call the commands make on moto and checks it against this list, both ways.
 */
export const OPERATOR_ACTIONS = {
  /** connect(): the platform's outputs, by stack name. */
  stack: ['cloudformation:DescribeStacks'],
  /** runs (list runs), erase (every version of every object of the tenant). */
  list: ['s3:ListBucket', 's3:ListBucketVersions'],
  /** run, runs, replay's copy source, unlock, erase (each version it rewrites). */
  read: ['s3:GetObject', 's3:GetObjectVersion'],
  /** replay (inbox/), unlock (its run's records), erase (each object rewritten, and its record). */
  write: ['s3:PutObject'],
  /** unlock (the lock of a finished run). */
  delete: ['s3:DeleteObject'],
  /** erase: every older version of an object it rewrote. */
  deleteVersions: ['s3:DeleteObjectVersion'],
  /**
   * redrive (dead-letter queue → queue), runs --not-processed (what each dead-letter queue holds), unlock and erase
   * (the queues' retention).
   */
  queues: ['sqs:ReceiveMessage', 'sqs:DeleteMessage', 'sqs:SendMessage', 'sqs:GetQueueAttributes'],
  /** erase: the key of its records' digests of the customers' codes (ErasureSecret). */
  erasureSecret: ['secretsmanager:GetSecretValue'],
  /** The data bucket's and queues' key: S3 and SQS use it on the operator's behalf. */
  key: ['kms:Decrypt', 'kms:GenerateDataKey'],
} as const;

/** Prefixes an operator may write or delete versions under: everything but the tenant configs (the deploy's). */
export const OPERATOR_WRITE_PREFIXES = [
  ...Object.values(PREFIXES).filter((prefix) => prefix !== PREFIXES.config),
  ERASURES_PREFIX,
];
/** Only the lock is deleted outright (unlock); everything else erase removes by version. */
export const OPERATOR_DELETE_PREFIXES = [PREFIXES.state];
