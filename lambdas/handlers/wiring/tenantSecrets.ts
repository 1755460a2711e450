import { SecretsManagerClient } from '@aws-sdk/client-secrets-manager';
import { SSMClient } from '@aws-sdk/client-ssm';
import { fromTemporaryCredentials } from '@aws-sdk/credential-providers';
import { tracer } from '../powertools.js';

/** The session tag the tenant-secrets role's policy reads (`${aws:PrincipalTag/tenant}` in its resource). */
export const TENANT_SESSION_TAG = 'tenant';

/**
 * The credentials of one tenant's session of the tenant-secrets role. In AWS the consumer assumes the platform's
 * tenant-secrets role with the tenant as session tag, and that role may read `customer-sync/<tag>/*` secrets and
 * `/customer-sync/tenants/<tag>/*` parameters alone: a consumer invocation serving tenant A cannot read tenant B's
 * credentials, even through a bug, while the platform's policy stays the same for any number of tenants. STS
 * credentials are cached and renewed by the provider. Without a role (emulators, tests) the function's own
 * credentials are used.
 */
const tenantSession = (tenantId: string, roleArn: string | undefined) =>
  roleArn
    ? {
        credentials: fromTemporaryCredentials({
          params: {
            RoleArn: roleArn,
            RoleSessionName: `customer-sync-${tenantId}`,
            Tags: [{ Key: TENANT_SESSION_TAG, Value: tenantId }],
          },
        }),
      }
    : {};

/** A Secrets Manager client that can read one tenant's secrets only (tenantSession). */
export const tenantSecretsClient = (tenantId: string, roleArn: string | undefined): SecretsManagerClient =>
  tracer.captureAWSv3Client(new SecretsManagerClient(tenantSession(tenantId, roleArn)));

/** An SSM client that can read one tenant's parameters only (tenantSession). */
export const tenantParametersClient = (tenantId: string, roleArn: string | undefined): SSMClient =>
  tracer.captureAWSv3Client(new SSMClient(tenantSession(tenantId, roleArn)));
