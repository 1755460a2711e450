import { type Stack, Validations } from 'aws-cdk-lib';

const BASIC_EXECUTION =
  'AwsSolutions-IAM4[Policy::arn:<AWS::Partition>:iam::aws:policy/service-role/AWSLambdaBasicExecutionRole]';

/**
 * CDK's own provider functions (bucket notifications, AwsCustomResource) come with the managed basic-execution
 * policy and CDK's pinned runtime; they run only during deployment. Acknowledged on the stack, by finding.
 */
export const acknowledgeProviderRoles = (stack: Stack, what: string): void => {
  Validations.of(stack).acknowledge({
    id: BASIC_EXECUTION,
    reason: `${what}: it writes only CloudWatch Logs with this policy.`,
  });
};
