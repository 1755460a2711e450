import type { CredentialsProvider, JoorV4Credentials } from '../../core/ports/index.js';
import { JoorError } from './JoorError.js';

/** A v4 token is renewed this long before JOOR says it expires, so no call goes out with a dying token. */
const EXPIRY_MARGIN_MS = 5 * 60_000;
/** JOOR's v4 tokens live 36,000 s (SPEC §3): used when the answer does not say. */
export const DEFAULT_TOKEN_LIFETIME_S = 36_000;

export interface AuthorizedRequest {
  headers: Record<string, string>;
  /** Query parameters every call carries (`account` for v4). */
  query: Record<string, string>;
}

/** Which of JOOR's API versions a call is made to: each takes its own scheme. */
export type ApiVersion = 'v2' | 'v4';

/** The version of the endpoint a path names (`/v2/bulk-connection` is v2; the rest of the API the client uses is v4). */
export const apiVersionOf = (path: string): ApiVersion => (path.startsWith('/v2/') ? 'v2' : 'v4');

interface TokenAnswer {
  access_token?: string;
  expires_in?: number;
  refresh_token?: string;
}

/**
 * Produces the authorization of JOOR calls by the version of the endpoint called: v2's `OAuth2 <base64 token>`
 * header (the only scheme JOOR documents for v2), or a v4 Bearer token from the auth host, cached until shortly
 * before it expires. A v4 token is renewed with its refresh token first and the password grant only when that
 * fails, as JOOR's auth page describes (`POST /auth/`, multipart form data).
 */
export class TokenProvider {
  private cached?: { token: string; expiresAt: number; refreshToken?: string };
  /** Set when JOOR refused the credentials: the next call reads the secret again rather than its cached copy. */
  private stale = false;

  constructor(
    private readonly credentials: CredentialsProvider,
    private readonly authUrl: string,
    private readonly accountId: string | undefined,
    private readonly fetchImpl: typeof fetch = fetch,
    private readonly now: () => number = Date.now,
  ) {}

  async authorize(signal: AbortSignal, version: ApiVersion = 'v2'): Promise<AuthorizedRequest> {
    const credentials = await this.credentials(this.stale ? { fresh: true } : undefined);
    this.stale = false;
    if (version === 'v2') {
      if (!credentials.v2Token)
        throw new JoorError(
          "The tenant's JOOR secret has no v2 token (v2Token): JOOR's v2 endpoints take only OAuth2 <base64 token>",
          'unauthorized',
        );
      return {
        headers: { authorization: `OAuth2 ${Buffer.from(credentials.v2Token).toString('base64')}` },
        query: {},
      };
    }
    if (!credentials.v4)
      throw new JoorError(
        "The tenant's JOOR secret has no v4 credentials (v4), which v4 calls need",
        'unauthorized',
      );
    if (!this.cached || this.cached.expiresAt <= this.now()) {
      const refreshed = this.cached?.refreshToken
        ? await this.requestToken(this.refreshForm(credentials.v4, this.cached.refreshToken), signal, false)
        : undefined;
      const answer = refreshed ?? (await this.requestToken(this.passwordForm(credentials.v4), signal, true))!;
      const lifetimeMs = (answer.expires_in ?? DEFAULT_TOKEN_LIFETIME_S) * 1000;
      this.cached = {
        token: answer.access_token!,
        expiresAt: this.now() + lifetimeMs - EXPIRY_MARGIN_MS,
        ...(answer.refresh_token ? { refreshToken: answer.refresh_token } : {}),
      };
    }
    return {
      headers: { authorization: `Bearer ${this.cached.token}` },
      query: this.accountId ? { account: this.accountId } : {},
    };
  }

  /**
   * Forgets a token JOOR answered 401 to (its refresh token too: the password grant starts afresh), and the cached
   * secret: a v2 token that JOOR refuses is read again from the secret, which an operator may have rotated.
   */
  invalidate(): void {
    this.cached = undefined;
    this.stale = true;
  }

  private passwordForm(v4: JoorV4Credentials): FormData {
    const form = new FormData();
    form.set('client_id', v4.clientId);
    form.set('grant_type', 'password');
    form.set('client_secret', v4.clientSecret);
    form.set('username', v4.username);
    form.set('password', v4.password);
    return form;
  }

  private refreshForm(v4: JoorV4Credentials, refreshToken: string): FormData {
    const form = new FormData();
    form.set('client_id', v4.clientId);
    form.set('grant_type', 'refresh_token');
    form.set('client_secret', v4.clientSecret);
    form.set('refresh_token', refreshToken);
    return form;
  }

  /** One token request; a refused refresh gives undefined (the password grant follows), a refused password throws. */
  private async requestToken(
    form: FormData,
    signal: AbortSignal,
    final: boolean,
  ): Promise<TokenAnswer | undefined> {
    // fetch sets the multipart content type and boundary itself for a FormData body.
    const response = await this.fetchImpl(this.authUrl, {
      method: 'POST',
      headers: { accept: 'application/json' },
      body: form,
      signal,
    });
    const answer = response.ok ? ((await response.json()) as TokenAnswer) : undefined;
    if (!response.ok) await response.body?.cancel();
    if (answer?.access_token) return answer;
    if (!final) return undefined;
    // The body is not repeated: an auth server may echo what it was sent.
    throw new JoorError(
      response.ok
        ? "JOOR's auth server answered without an access token"
        : `JOOR's auth server refused the credentials (HTTP ${response.status})`,
      'unauthorized',
      response.ok ? undefined : response.status,
    );
  }
}
