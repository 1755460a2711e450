import { Stack } from 'aws-cdk-lib';
import { Effect, ManagedPolicy, PolicyStatement } from 'aws-cdk-lib/aws-iam';
import type { IKey } from 'aws-cdk-lib/aws-kms';
import type { Bucket } from 'aws-cdk-lib/aws-s3';
import type { ISecret } from 'aws-cdk-lib/aws-secretsmanager';
import { Construct } from 'constructs';
import { acknowledgeWildcards } from '../acknowledgeWildcards.js';
import { OPERATOR_DENIES, OPERATOR_GRANTS, type OperatorResource } from './operatorActions.js';
import type { QueueName } from './platformOutputs.js';
import type { QueuePair } from './Queues.js';
import { OPERATOR_TAG } from './tenantConventions.js';

export interface OperatorPolicyProps {
  bucket: Bucket;
  /** The queues an operator names (`redrive <queue>`), each with its dead-letter queue. */
  queues: Record<QueueName, QueuePair>;
  key: IKey;
  /** The key of erase's records (ErasureSecret): read only. */
  erasureSecret: ISecret;
}

/**
 * The operators' managed policy: what `customer-sync runs|run|replay|unlock|redrive|erase` call and nothing more
 * (OPERATOR_GRANTS, checked call by call on moto), and never deleting a record of erasure. Attach it to the operators'
 * role or group, and tag those principals `customer-sync-operator=true`: the bucket policy and the key policy admit no
 * one else of the account.
 */
export class OperatorPolicy extends Construct {
  readonly policy: ManagedPolicy;

  constructor(scope: Construct, id: string, props: OperatorPolicyProps) {
    super(scope, id);
    const stack = Stack.of(this);
    const { bucket, queues, key, erasureSecret } = props;
    const stackArn = stack.formatArn({
      service: 'cloudformation',
      resource: 'stack',
      resourceName: stack.stackName,
    });
    const arnOf = (resource: OperatorResource): string => {
      if (resource === 'stack') return `${stackArn}/*`;
      if (resource === 'bucket') return bucket.bucketArn;
      if (resource === 'key') return key.keyArn;
      if (resource === 'erasure-secret') return erasureSecret.secretArn;
      const [kind, name] = resource.split(':') as [string, string];
      if (kind === 'objects') return bucket.arnForObjects(`${name}*`);
      const pair = queues[name as QueueName];
      return kind === 'queue' ? pair.queue.queueArn : pair.deadLetters.queueArn;
    };
    const statement = (
      grant: { actions: readonly string[]; on: readonly OperatorResource[] },
      effect: Effect,
    ) => new PolicyStatement({ effect, actions: [...grant.actions], resources: grant.on.map(arnOf) });
    this.policy = new ManagedPolicy(this, 'Policy', {
      description: `Customer Sync operators (tools/operator); the principals also need the tag ${OPERATOR_TAG}=true`,
      statements: [
        ...Object.values(OPERATOR_GRANTS).map((grant) => statement(grant, Effect.ALLOW)),
        ...Object.values(OPERATOR_DENIES).map((deny) => statement(deny, Effect.DENY)),
      ],
    });
    const prefixes = [...Object.values(OPERATOR_GRANTS), ...Object.values(OPERATOR_DENIES)]
      .flatMap((grant): readonly OperatorResource[] => grant.on)
      .filter((on) => on.startsWith('objects:'))
      .map((on) => on.slice('objects:'.length));
    acknowledgeWildcards(
      this.policy,
      [
        [stackArn, '/*'],
        ...[...new Set(prefixes)].map((prefix): [string, string] => [bucket.bucketArn, `/${prefix}*`]),
      ],
      'Operators read every run, report and file of every tenant (runs, run, erase), and write or remove them by key under the pipeline’s prefixes; the stack’s id changes with each creation.',
    );
  }
}
