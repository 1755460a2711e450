/**
 * What ties a tenant to the platform without either stack naming the other (docs/deploy.md, "How tenants are
 * granted"): the platform grants by these names once, for every tenant there is or will be, so that no tenant stack
 * attaches anything to a platform role and the platform template is the same whichever tenants exist.
 */

/**
 * Every tenant's JOOR secret is named `customer-sync/<tenant-id>/…`; the consumer reads one through a session of the
 * tenant-secrets role tagged `tenant=<tenant-id>`, which may read that tenant's secrets and no others.
 */
export const TENANT_SECRET_PREFIX = 'customer-sync/';
export const tenantSecretPrefix = (tenantId: string): string => `${TENANT_SECRET_PREFIX}${tenantId}/`;
/** The session tag naming the tenant (the same name the consumer's wiring passes: lambdas/handlers/wiring/). */
export const TENANT_SESSION_TAG = 'tenant';

/** The SES configuration set every sender identity uses: its bounces and complaints reach the operators' topic. */
export const SES_CONFIGURATION_SET = 'customer-sync';

/**
 * SSM parameters the platform publishes and tenant stacks read at deploy time: a weak reference, so that a tenant
 * deploy never deploys the platform and the platform may replace what it publishes while tenants exist.
 */
export const PLATFORM_PARAMETERS = {
  sftpServerId: '/customer-sync/platform/sftp-server-id',
} as const;
