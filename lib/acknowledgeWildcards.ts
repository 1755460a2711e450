import { Stack, Validations } from 'aws-cdk-lib';
import type { IConstruct } from 'constructs';

type Resolved = string | { Ref?: string; 'Fn::GetAtt'?: [string, string]; 'Fn::Join'?: [string, Resolved[]] };

/** How cdk-nag spells a resolved value in its finding ids: `<LogicalId.Arn>`, `<AWS::Region>`, joins flattened. */
const spell = (value: Resolved): string => {
  if (typeof value === 'string') return value;
  if (value.Ref) return `<${value.Ref}>`;
  if (value['Fn::GetAtt']) return `<${value['Fn::GetAtt'][0]}.${value['Fn::GetAtt'][1]}>`;
  if (value['Fn::Join']) return value['Fn::Join'][1].map(spell).join(value['Fn::Join'][0]);
  throw new Error(`Cannot name ${JSON.stringify(value)} in a cdk-nag finding`);
};

const spellArn = (scope: IConstruct, arn: string): string => spell(Stack.of(scope).resolve(arn) as Resolved);

/**
 * Acknowledges cdk-nag's IAM5 finding for each `<ARN><suffix>` wildcard a role holds, naming each one with the reason:
 * a wildcard outside the list still fails the synth.
 *
 * @example
 * acknowledgeWildcards(role, [[bucket.bucketArn, '/runs/*']], 'Objects under the prefix this function owns.');
 */
export const acknowledgeWildcards = (
  scope: IConstruct,
  wildcards: [string, string][],
  reason: string,
): void => {
  for (const [arn, suffix] of wildcards) {
    Validations.of(scope).acknowledge({
      id: `AwsSolutions-IAM5[Resource::${spellArn(scope, arn)}${suffix}]`,
      reason,
    });
  }
};
