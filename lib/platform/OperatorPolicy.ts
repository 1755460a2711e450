import { Stack } from 'aws-cdk-lib';
import { ManagedPolicy, PolicyStatement } from 'aws-cdk-lib/aws-iam';
import type { IKey } from 'aws-cdk-lib/aws-kms';
import type { Bucket } from 'aws-cdk-lib/aws-s3';
import type { ISecret } from 'aws-cdk-lib/aws-secretsmanager';
import type { Queue } from 'aws-cdk-lib/aws-sqs';
import { Construct } from 'constructs';
import { acknowledgeWildcards } from '../acknowledgeWildcards.js';
import { OPERATOR_ACTIONS, OPERATOR_DELETE_PREFIXES, OPERATOR_WRITE_PREFIXES } from './operatorActions.js';
import { OPERATOR_TAG } from './tenantConventions.js';

export interface OperatorPolicyProps {
  bucket: Bucket;
  queues: Queue[];
  key: IKey;
  /** The key of erase's records (ErasureSecret): read only. */
  erasureSecret: ISecret;
}

/**
 * The operators' managed policy: what `customer-sync runs|run|replay|unlock|redrive|erase` need and nothing more
 * (operatorActions.ts). Attach it to the operators' role or group, and tag those principals
 * `customer-sync-operator=true`: the bucket policy and the key policy admit no one else of the account.
 */
export class OperatorPolicy extends Construct {
  readonly policy: ManagedPolicy;

  constructor(scope: Construct, id: string, props: OperatorPolicyProps) {
    super(scope, id);
    const stack = Stack.of(this);
    const { bucket, queues, key, erasureSecret } = props;
    const objects = (prefixes: readonly string[]) =>
      prefixes.map((prefix) => bucket.arnForObjects(`${prefix}*`));
    this.policy = new ManagedPolicy(this, 'Policy', {
      description: `Customer Sync operators (tools/operator); the principals also need the tag ${OPERATOR_TAG}=true`,
      statements: [
        new PolicyStatement({
          actions: [...OPERATOR_ACTIONS.stack],
          resources: [
            stack.formatArn({
              service: 'cloudformation',
              resource: 'stack',
              resourceName: `${stack.stackName}/*`,
            }),
          ],
        }),
        new PolicyStatement({ actions: [...OPERATOR_ACTIONS.list], resources: [bucket.bucketArn] }),
        new PolicyStatement({ actions: [...OPERATOR_ACTIONS.read], resources: [bucket.arnForObjects('*')] }),
        new PolicyStatement({
          actions: [...OPERATOR_ACTIONS.write],
          resources: objects(OPERATOR_WRITE_PREFIXES),
        }),
        new PolicyStatement({
          actions: [...OPERATOR_ACTIONS.deleteVersions],
          resources: objects(OPERATOR_WRITE_PREFIXES),
        }),
        new PolicyStatement({
          actions: [...OPERATOR_ACTIONS.delete],
          resources: objects(OPERATOR_DELETE_PREFIXES),
        }),
        new PolicyStatement({
          actions: [...OPERATOR_ACTIONS.queues],
          resources: queues.map((q) => q.queueArn),
        }),
        new PolicyStatement({ actions: [...OPERATOR_ACTIONS.key], resources: [key.keyArn] }),
        new PolicyStatement({
          actions: [...OPERATOR_ACTIONS.erasureSecret],
          resources: [erasureSecret.secretArn],
        }),
      ],
    });
    acknowledgeWildcards(
      this.policy,
      [
        [
          stack.formatArn({ service: 'cloudformation', resource: 'stack', resourceName: stack.stackName }),
          '/*',
        ],
        [bucket.bucketArn, '/*'],
        ...[...new Set([...OPERATOR_WRITE_PREFIXES, ...OPERATOR_DELETE_PREFIXES])].map(
          (prefix): [string, string] => [bucket.bucketArn, `/${prefix}*`],
        ),
      ],
      'Operators read every run, report and file of every tenant (runs, run, erase), and write or remove them by key under the pipeline’s prefixes; the stack’s id changes with each creation.',
    );
  }
}
