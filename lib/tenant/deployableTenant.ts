import { JOOR_ENDPOINTS } from '../../lambdas/adapters/joor/index.js';
import type { TenantConfig } from '../../lambdas/core/config/index.js';
import { ConfigError, parseTenantConfig } from '../../lambdas/core/config/index.js';
import { tenantParameterPrefix, tenantSecretPrefix } from '../platform/tenantConventions.js';

/** JOOR's own hosts, per kind of URL (api.jooraccess.com, apisandbox…; atlas…, atlas-sandbox…). */
const JOOR_HOSTS = {
  baseUrl: Object.values(JOOR_ENDPOINTS).map((endpoint) => new URL(endpoint.api).hostname),
  authUrl: Object.values(JOOR_ENDPOINTS).map((endpoint) => new URL(endpoint.auth).hostname),
};

/**
 * A deployed consumer sends the tenant's JOOR token, password and customers to these URLs: anything but https to one
 * of JOOR's own hosts (on the default port, without credentials in the URL) is refused. The emulator and other
 * hosts are for local runs only (`npm start --joor <url>`).
 */
const joorUrlProblem = (field: 'baseUrl' | 'authUrl', value: string | undefined): string | undefined => {
  if (value === undefined) return undefined;
  const url = new URL(value);
  const hosts = JOOR_HOSTS[field];
  return url.protocol === 'https:' &&
    hosts.includes(url.hostname) &&
    url.port === '' &&
    !url.username &&
    !url.password
    ? undefined
    : `joor.${field}: must be https://${hosts.join(' or https://')} to deploy (JOOR credentials and customers are sent there); ${value} is for local runs only`;
};

/**
 * A tenant config checked by the shared schema, then for what a deployment needs besides (JOOR account and secret,
 * report sender and recipients, at least one SSH key). A bad file fails `cdk synth` naming every field.
 */
export const parseDeployableTenant = (input: unknown, source: string): TenantConfig => {
  const tenant = parseTenantConfig(input, source);
  const problems = [
    !tenant.joor.accountId && 'joor.accountId: is required to deploy (the JOOR account id calls carry)',
    !tenant.joor.secretName &&
      !tenant.joor.credentialsParameter &&
      'joor.secretName: is required to deploy (the Secrets Manager secret holding the JOOR credentials), or joor.credentialsParameter (the SSM SecureString parameter)',
    tenant.joor.secretName &&
      tenant.joor.credentialsParameter &&
      'joor.credentialsParameter: set it or joor.secretName, not both (the credentials are kept in one place)',
    // The same for a parameter: the tenant's own prefix, which the consumer's tagged session alone may read.
    tenant.joor.credentialsParameter &&
      !tenant.joor.credentialsParameter.startsWith(tenantParameterPrefix(tenant.tenantId)) &&
      `joor.credentialsParameter: must start with ${tenantParameterPrefix(tenant.tenantId)} (the consumer reads only parameters named so)`,
    // The consumer may read only secrets under the tenants' prefix, and must never be pointed at another tenant's.
    tenant.joor.secretName &&
      !tenant.joor.secretName.startsWith(tenantSecretPrefix(tenant.tenantId)) &&
      `joor.secretName: must start with ${tenantSecretPrefix(tenant.tenantId)} (the consumer reads only secrets named so)`,
    joorUrlProblem('baseUrl', tenant.joor.baseUrl),
    joorUrlProblem('authUrl', tenant.joor.authUrl),
    !tenant.report.sender &&
      'report.sender: is required to deploy (the SES identity the report is sent from)',
    tenant.report.recipients.length === 0 && 'report.recipients: list at least one address to deploy',
    tenant.sftp.sshPublicKeys.length === 0 &&
      'sftp.sshPublicKeys: list at least one SSH public key to deploy',
    ...tenant.sftp.sshPublicKeys.flatMap((key, k) =>
      /^(ssh-(rsa|ed25519)|ecdsa-sha2-nistp(256|384|521)) [A-Za-z0-9+/=]+( .*)?$/.test(key)
        ? []
        : [`sftp.sshPublicKeys.${k}: is not an SSH public key line (ssh-ed25519 AAAA… comment)`],
    ),
  ].filter((problem): problem is string => typeof problem === 'string');
  if (problems.length > 0) throw new ConfigError(source, problems);
  return tenant;
};
