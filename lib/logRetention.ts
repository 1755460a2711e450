import type { IAspect } from 'aws-cdk-lib';
import { CfnResource, RemovalPolicy, Stack } from 'aws-cdk-lib';
import { CfnFunction } from 'aws-cdk-lib/aws-lambda';
import { LogGroup, type RetentionDays } from 'aws-cdk-lib/aws-logs';
import type { IConstruct } from 'constructs';

/**
 * Gives every Lambda function that has no log group of its own one with the platform's retention: CDK's provider
 * functions (bucket notifications, custom resources) otherwise log to `/aws/lambda/<name>`, created on their first
 * call and kept for ever.
 */
export class LogRetention implements IAspect {
  constructor(private readonly retention: RetentionDays) {}

  visit(node: IConstruct): void {
    if (node instanceof CfnFunction) {
      const config = Stack.of(node).resolve(node.loggingConfig) as { logGroup?: unknown } | undefined;
      if (config?.logGroup) return;
      node.loggingConfig = { ...(config ?? {}), logGroup: this.groupFor(node).logGroupName };
    } else if (node instanceof CfnResource && node.cfnResourceType === 'AWS::Lambda::Function') {
      // The bucket-notification handler is a plain CfnResource (CDK writes its properties itself) with no log config.
      node.addPropertyOverride('LoggingConfig.LogGroup', this.groupFor(node).logGroupName);
    }
  }

  private groupFor(fn: CfnResource): LogGroup {
    return new LogGroup(fn.node.scope as IConstruct, `${fn.node.id}Logs`, {
      retention: this.retention,
      removalPolicy: RemovalPolicy.DESTROY,
    });
  }
}
