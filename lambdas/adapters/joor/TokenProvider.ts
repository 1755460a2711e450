import type { CredentialsProvider } from '../../core/ports/index.js';
import { JoorError } from './JoorError.js';

/** A v4 token is renewed this long before JOOR says it expires, so no call goes out with a dying token. */
const EXPIRY_MARGIN_MS = 5 * 60_000;
/** JOOR's v4 tokens live 36,000 s (SPEC §3): used when the answer does not say. */
const DEFAULT_TOKEN_LIFETIME_S = 36_000;

export interface AuthorizedRequest {
  headers: Record<string, string>;
  /** Query parameters every call carries (`account` for v4). */
  query: Record<string, string>;
}

/**
 * Produces the authorization of JOOR calls: v2's `OAuth2 <base64 token>` header, or a v4 OAuth2 token from the
 * auth host, cached until shortly before it expires and fetched anew when `invalidate` says JOOR refused it.
 */
export class TokenProvider {
  private cached?: { token: string; expiresAt: number };

  constructor(
    private readonly credentials: CredentialsProvider,
    private readonly authUrl: string,
    private readonly accountId: string | undefined,
    private readonly fetchImpl: typeof fetch = fetch,
    private readonly now: () => number = Date.now,
  ) {}

  async authorize(signal: AbortSignal): Promise<AuthorizedRequest> {
    const credentials = await this.credentials();
    if (credentials.apiVersion === 'v2') {
      return {
        headers: { authorization: `OAuth2 ${Buffer.from(credentials.token).toString('base64')}` },
        query: {},
      };
    }
    if (!this.cached || this.cached.expiresAt <= this.now()) {
      const form = new URLSearchParams({
        grant_type: 'password',
        client_id: credentials.clientId,
        client_secret: credentials.clientSecret,
        username: credentials.username,
        password: credentials.password,
      });
      const response = await this.fetchImpl(this.authUrl, {
        method: 'POST',
        headers: { 'content-type': 'application/x-www-form-urlencoded', accept: 'application/json' },
        body: form,
        signal,
      });
      if (!response.ok) {
        // The body is not repeated: an auth server may echo what it was sent.
        throw new JoorError(
          `JOOR's auth server refused the credentials (HTTP ${response.status})`,
          'unauthorized',
          response.status,
        );
      }
      const answer = (await response.json()) as { access_token?: string; expires_in?: number };
      if (!answer.access_token)
        throw new JoorError("JOOR's auth server answered without an access token", 'unauthorized');
      const lifetimeMs = (answer.expires_in ?? DEFAULT_TOKEN_LIFETIME_S) * 1000;
      this.cached = { token: answer.access_token, expiresAt: this.now() + lifetimeMs - EXPIRY_MARGIN_MS };
    }
    return {
      headers: { authorization: `Bearer ${this.cached.token}` },
      query: this.accountId ? { account: this.accountId } : {},
    };
  }

  /** Forgets a token JOOR answered 401 to. */
  invalidate(): void {
    this.cached = undefined;
  }
}
