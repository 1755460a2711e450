import { Stack } from 'aws-cdk-lib';
import { ServicePrincipal } from 'aws-cdk-lib/aws-iam';
import type { Construct } from 'constructs';

/**
 * Transfer Family as the principal of a role's trust policy, limited to this account's Transfer resources: without
 * `aws:SourceAccount` and `aws:SourceArn`, Transfer acting for another account could be made to assume the role
 * (the confused deputy; AWS Transfer Family User Guide, "Cross-service confused deputy prevention"). The ARN is
 * matched by pattern so that a role need not name the server it is made for.
 */
export const transferPrincipal = (scope: Construct): ServicePrincipal => {
  const { account, region, partition } = Stack.of(scope);
  return new ServicePrincipal('transfer.amazonaws.com', {
    conditions: {
      StringEquals: { 'aws:SourceAccount': account },
      ArnLike: { 'aws:SourceArn': `arn:${partition}:transfer:${region}:${account}:*` },
    },
  });
};
