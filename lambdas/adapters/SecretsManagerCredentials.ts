import { GetSecretValueCommand, type SecretsManagerClient } from '@aws-sdk/client-secrets-manager';
import * as v from 'valibot';
import type { CredentialsProvider, JoorCredentials } from '../core/ports/index.js';

/** A secret is read again after this long, so a rotated one is picked up without a redeploy. */
const CACHE_MS = 5 * 60_000;

const CredentialsSchema = v.variant('apiVersion', [
  v.object({ apiVersion: v.literal('v2'), token: v.pipe(v.string(), v.minLength(1)) }),
  v.object({
    apiVersion: v.literal('v4'),
    clientId: v.pipe(v.string(), v.minLength(1)),
    clientSecret: v.pipe(v.string(), v.minLength(1)),
    username: v.pipe(v.string(), v.minLength(1)),
    password: v.pipe(v.string(), v.minLength(1)),
  }),
]);

/**
 * JOOR credentials from a Secrets Manager secret (JSON: `{"apiVersion":"v2","token":…}` or the v4 fields), cached
 * briefly. A malformed secret is refused naming the fields, never their values.
 */
export const secretsManagerCredentials = (
  client: SecretsManagerClient,
  secretName: string,
  now: () => number = Date.now,
): CredentialsProvider => {
  let cached: { value: JoorCredentials; until: number } | undefined;
  return async () => {
    if (cached && cached.until > now()) return cached.value;
    const answer = await client.send(new GetSecretValueCommand({ SecretId: secretName }));
    let parsed: unknown;
    try {
      parsed = JSON.parse(answer.SecretString ?? '');
    } catch {
      throw new Error(`Secret ${secretName} is not JSON`);
    }
    const result = v.safeParse(CredentialsSchema, parsed);
    if (!result.success) {
      const fields = result.issues.map((issue) => v.getDotPath(issue) ?? 'apiVersion').join(', ');
      throw new Error(`Secret ${secretName} does not hold JOOR credentials (check: ${fields})`);
    }
    cached = { value: result.output, until: now() + CACHE_MS };
    return result.output;
  };
};
