/** JOOR's v4 OAuth2 client and user, exchanged for a token at JOOR's auth host. */
export interface JoorV4Credentials {
  clientId: string;
  clientSecret: string;
  username: string;
  password: string;
}

/**
 * A tenant's JOOR credentials as Secrets Manager holds them. Each JOOR endpoint takes its own version's scheme:
 * the v2 bulk connection calls only `Authorization: OAuth2 <base64 token>` (JOOR's how-to-authenticate page), v4
 * calls a Bearer token from the v4 credentials. A tenant needs the v2 token to sync; the v4 credentials only for
 * the v4 calls (reference data).
 */
export interface JoorCredentials {
  v2Token?: string;
  v4?: JoorV4Credentials;
}

/**
 * Supplies credentials when needed: from Secrets Manager in AWS, from the environment locally. `fresh` asks for the
 * stored value rather than a cached one (after JOOR refused the credentials, a rotated secret may fix it).
 */
export type CredentialsProvider = (options?: { fresh?: boolean }) => Promise<JoorCredentials>;
