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
/**
 * Or its JOOR credentials are an SSM SecureString parameter named `/customer-sync/tenants/<tenant-id>/…`, read through
 * the same tagged session. Under `tenants/`, so that no tenant id (`platform`, say) reaches the platform's own
 * parameters (PLATFORM_PARAMETERS).
 */
export const TENANT_PARAMETER_PREFIX = '/customer-sync/tenants/';
export const tenantParameterPrefix = (tenantId: string): string => `${TENANT_PARAMETER_PREFIX}${tenantId}/`;
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

/**
 * The roles a tenant stack creates that reach the data bucket (its SFTP user's, its config writer's) are named
 * `csync-<tenant-id>-<purpose>`: the platform's key policy and bucket policy admit them by this pattern, so that no
 * tenant stack changes a platform policy. 6 + 40 + 7 characters stay under IAM's 64.
 */
export const TENANT_ROLE_PREFIX = 'csync-';
export const tenantRoleName = (tenantId: string, purpose: 'sftp' | 'config'): string =>
  `${TENANT_ROLE_PREFIX}${tenantId}-${purpose}`;
/**
 * The tenant stacks' config writers (`tenantRoleName(<tenant>, 'config')`), the only principals the bucket policy lets
 * write `config/`. No tenant's SFTP role matches it (those end in `-sftp`).
 */
export const TENANT_CONFIG_ROLE_PATTERN = `${TENANT_ROLE_PREFIX}*-config`;

/**
 * The principal tag an operator's role or user carries (value `true`), besides the operators' managed policy: the
 * bucket policy lets no other principal of the account read the data, and the key policy lets no other use the key.
 */
export const OPERATOR_TAG = 'customer-sync-operator';

/** The tag every report sender identity carries: the finalizer may send as tagged identities only. */
export const SENDER_TAG = 'customer-sync-sender';
/** The tag naming the tenants a sender identity sends for (space-separated ids; lib/senders/senderTenants.ts). */
export const SENDER_TENANTS_TAG = 'customer-sync-tenants';
