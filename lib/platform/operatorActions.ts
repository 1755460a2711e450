import { PREFIXES } from '../../lambdas/pipeline/index.js';
import type { QueueName } from './platformOutputs.js';

/** Where `customer-sync erase` keeps its records of erasures (counts and hashed codes: no personal data). */
export const ERASURES_PREFIX = 'erasures/';

/**
 * What an operator grant acts on, named as the operator commands meet it: the platform's stack, the data bucket (its
 * listings), the objects under one prefix, a pipeline queue or its dead-letter queue, the data key. OperatorPolicy.ts
 * turns each into an ARN; test/e2e/operatorCommands.test.ts names each call the commands make the same way.
 */
export type OperatorResource =
  | 'stack'
  | 'bucket'
  | 'key'
  | `objects:${string}`
  | `queue:${QueueName}`
  | `dead-letter-queue:${QueueName}`
  /** The platform's secret under which erasure records digest the codes they name (ErasureSecret.ts). */
  | 'erasure-secret';

/** Some actions on some resources: every action on every resource is used by some command. */
export interface OperatorGrant {
  actions: readonly string[];
  on: readonly OperatorResource[];
}

const objects = (...prefixes: string[]): OperatorResource[] =>
  prefixes.map((prefix): OperatorResource => `objects:${prefix}`);
const { landing, inbox, partial, config, state, runs, reports, processed, rejected } = PREFIXES;
/** Every prefix `erase` searches and rewrites (raw files, run records, reports, the synced state). */
const ERASED = [landing, inbox, partial, processed, rejected, runs, reports, state];

/**
 * What the operator commands (tools/operator: runs, run, replay, unlock, redrive, erase) call, on what: the operators'
 * managed policy is built from this and nothing else, and test/e2e/operatorCommands.test.ts records every call the
 * commands make on moto and checks it against these grants both ways (a grant no command uses fails it, as does a call
 * no grant allows). Not granted, on purpose: receiving or deleting messages of the pipeline's queues (the work queue
 * holds full customer records; the commands receive only from dead-letter queues), sending to a dead-letter queue,
 * writing `config/` (the deploy's), and deleting the records of erasures (OPERATOR_DENIES).
 *
 * Erase's HMAC secret (the records' key, branch erasure) goes here as a grant of `secretsmanager:GetSecretValue` on
 * a new `secret:<name>` resource (add it to OperatorResource, and its ARN to OperatorPolicy.ts's `arnOf`): the test's
 * proxy already names a Secrets Manager call so (test/helpers/operatorPlatform.ts), and fails until it is granted.
 */
export const OPERATOR_GRANTS = {
  /** connect(): the platform's outputs, by stack name. */
  stack: { actions: ['cloudformation:DescribeStacks'], on: ['stack'] },
  /** runs (list runs), erase (every version of every object of the tenant). */
  list: { actions: ['s3:ListBucket', 's3:ListBucketVersions'], on: ['bucket'] },
  /**
   * run, runs, unlock (the run's records), replay's copy source, run (where the file is: archived, or arrived), erase
   * (the tenant's config: how its files are split).
   */
  read: { actions: ['s3:GetObject'], on: objects(inbox, processed, rejected, runs, reports, state, config) },
  /**
   * erase: each version it searches after erasing (its own records included: a second run names the earlier ones),
   * and the tenant's config (how its files are split; never written).
   */
  readVersions: { actions: ['s3:GetObjectVersion'], on: objects(...ERASED, config, ERASURES_PREFIX) },
  /** replay (inbox/), unlock (its run's records), erase (each object rewritten, and its record). */
  write: {
    actions: ['s3:PutObject'],
    on: objects(landing, inbox, processed, rejected, runs, reports, state, ERASURES_PREFIX),
  },
  /** erase: every older version of an object it rewrote, and leftovers in inbox/ and partial/. */
  deleteVersions: { actions: ['s3:DeleteObjectVersion'], on: objects(...ERASED) },
  /** redrive (dead-letter queue → its queue), unlock (its run's finalizer, the tenant's next file). */
  sendToQueues: {
    actions: ['sqs:SendMessage'],
    on: ['queue:inbox', 'queue:work', 'queue:finalize'],
  },
  /** redrive: takes each message off the dead-letter queue once it was sent back. */
  takeDeadLetters: {
    actions: ['sqs:ReceiveMessage', 'sqs:DeleteMessage', 'sqs:GetQueueAttributes'],
    on: ['dead-letter-queue:inbox', 'dead-letter-queue:work', 'dead-letter-queue:finalize'],
  },
  /** erase: how long the work queue keeps the batches it cannot search. */
  queueRetention: { actions: ['sqs:GetQueueAttributes'], on: ['queue:work'] },
  /** S3 and SQS use the data key on the caller's behalf (operatorKeyUse). */
  key: { actions: ['kms:Decrypt', 'kms:GenerateDataKey'], on: ['key'] },
  /** erase: the key of its records' digests of the customers' codes (ErasureSecret). */
  erasureSecret: { actions: ['secretsmanager:GetSecretValue'], on: ['erasure-secret'] },
} as const satisfies Record<string, OperatorGrant>;

/** Refused to operators even when another policy allows it: erasure records go only by the bucket's lifecycle. */
export const OPERATOR_DENIES = {
  eraseRecords: { actions: ['s3:DeleteObject', 's3:DeleteObjectVersion'], on: objects(ERASURES_PREFIX) },
} as const satisfies Record<string, OperatorGrant>;

/** Each action a grant names, by grant: what a recorded call is checked against when only its action is known. */
export const OPERATOR_ACTIONS: Record<string, readonly string[]> = Object.fromEntries(
  Object.entries(OPERATOR_GRANTS).map(([name, grant]) => [name, grant.actions]),
);

/** Every `<action> <resource>` the grants allow, one a line. */
export const operatorPermissions = (grants: Record<string, OperatorGrant> = OPERATOR_GRANTS): Set<string> =>
  new Set(
    Object.values(grants).flatMap((grant) =>
      grant.on.flatMap((on) => grant.actions.map((a) => `${a} ${on}`)),
    ),
  );

/**
 * What the data key must allow a caller of these calls (`<action> <resource>`), since the bucket and the queues are
 * encrypted with it: reading an object or receiving a message decrypts, writing or sending generates a data key (S3
 * and SQS ask KMS as the caller; AWS KMS Developer Guide, "How Amazon S3 uses AWS KMS" and "Amazon SQS").
 */
export const operatorKeyUse = (calls: Iterable<string>): string[] => {
  const actions = [...calls].map((call) => call.split(' ')[0]);
  return [
    ...(actions.some((a) => ['s3:GetObject', 's3:GetObjectVersion', 'sqs:ReceiveMessage'].includes(a!))
      ? ['kms:Decrypt key']
      : []),
    ...(actions.some((a) => ['s3:PutObject', 'sqs:SendMessage'].includes(a!))
      ? ['kms:GenerateDataKey key']
      : []),
  ];
};
