/** Credentials as Secrets Manager holds them: a v2 API token, or v4 OAuth2 client and user. */
export type JoorCredentials =
  | { apiVersion: 'v2'; token: string }
  | { apiVersion: 'v4'; clientId: string; clientSecret: string; username: string; password: string };

/** Supplies credentials when needed: from Secrets Manager in AWS, from the environment locally. */
export type CredentialsProvider = () => Promise<JoorCredentials>;
