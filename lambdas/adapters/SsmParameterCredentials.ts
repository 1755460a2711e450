import { GetParameterCommand, type SSMClient } from '@aws-sdk/client-ssm';
import type { CredentialsProvider } from '../core/ports/index.js';
import { cachedJoorCredentials } from './joorCredentialsJson.js';

/**
 * JOOR credentials from an SSM Parameter Store SecureString parameter (the same JSON as a Secrets Manager secret:
 * joorCredentialsJson.ts), decrypted by SSM and cached briefly. A malformed value is refused naming the fields,
 * never the values. A standard parameter costs nothing a month where a secret costs $0.40 (docs/deploy.md, "JOOR
 * credentials").
 *
 * @example
 * ssmParameterCredentials(new SSMClient({}), '/customer-sync/tenants/acme/joor');
 */
export const ssmParameterCredentials = (
  client: SSMClient,
  parameterName: string,
  now: () => number = Date.now,
): CredentialsProvider =>
  cachedJoorCredentials(
    async () =>
      (await client.send(new GetParameterCommand({ Name: parameterName, WithDecryption: true }))).Parameter
        ?.Value,
    `Parameter ${parameterName}`,
    now,
  );
