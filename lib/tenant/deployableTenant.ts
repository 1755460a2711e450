import type { TenantConfig } from '../../lambdas/core/config/index.js';
import { ConfigError, joorUrlProblems, parseTenantConfig } from '../../lambdas/core/config/index.js';
import { tenantParameterPrefix, tenantSecretPrefix } from '../platform/tenantConventions.js';

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
    // JOOR's hosts over https only: the rule every deployed function holds a config to as well.
    ...joorUrlProblems(tenant.joor),
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

/** A file under `tenants/` as the CDK app reads it: a deployable tenant, or what stops it and the sender it names. */
export type TenantFile =
  | { name: string; tenant: TenantConfig }
  | {
      name: string;
      /** What is wrong, naming the file and each field. */
      problem: string;
      /** `report.sender` as the file gives it, when it gives one: its SES identity is kept while the file is mended. */
      sender?: string;
      /** The file is not JSON: which sender it names cannot be told. */
      unreadable: boolean;
    };

const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;

/**
 * Reads and checks one tenant file (`text` is its content, `name` its name under `tenants/`): a bad one is returned
 * as a problem, not thrown, so that the app leaves out that tenant's stack alone (issue #33).
 */
export const readTenantFile = (name: string, text: string): TenantFile => {
  const source = `tenants/${name}`;
  let input: unknown;
  try {
    input = JSON.parse(text);
  } catch (error) {
    return { name, problem: `Invalid ${source}: not JSON (${(error as Error).message})`, unreadable: true };
  }
  const given = (input as { report?: { sender?: unknown } } | null)?.report?.sender;
  const sender = typeof given === 'string' && EMAIL.test(given.trim()) ? { sender: given.trim() } : {};
  try {
    const tenant = parseDeployableTenant(input, source);
    if (`${tenant.tenantId}.json` !== name)
      return {
        name,
        problem: `Invalid ${source}:\n  - tenantId: "${tenant.tenantId}" must match the file name`,
        ...sender,
        unreadable: false,
      };
    return { name, tenant };
  } catch (error) {
    if (!(error instanceof ConfigError)) throw error;
    return { name, problem: error.message, ...sender, unreadable: false };
  }
};
