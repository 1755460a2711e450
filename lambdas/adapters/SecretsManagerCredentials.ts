import { GetSecretValueCommand, type SecretsManagerClient } from '@aws-sdk/client-secrets-manager';
import type { CredentialsProvider } from '../core/ports/index.js';
import { cachedJoorCredentials } from './joorCredentialsJson.js';

/**
 * JOOR credentials from a Secrets Manager secret (the JSON of joorCredentialsJson.ts), cached briefly. A malformed
 * secret is refused naming the fields, never the values.
 */
export const secretsManagerCredentials = (
  client: SecretsManagerClient,
  secretName: string,
  now: () => number = Date.now,
): CredentialsProvider =>
  cachedJoorCredentials(
    async () => (await client.send(new GetSecretValueCommand({ SecretId: secretName }))).SecretString,
    `Secret ${secretName}`,
    now,
  );
