import { randomUUID } from 'node:crypto';
import type { EmulatedAccount } from './types.js';

/** v4 tokens live 36,000 s at JOOR. */
export const TOKEN_LIFETIME_S = 36_000;

export const DEFAULT_ACCOUNT: EmulatedAccount = {
  accountId: '1001',
  v2Token: 'emulator-v2-token',
  v4: {
    clientId: 'emulator-client',
    clientSecret: 'emulator-secret',
    username: 'integration@brand.example',
    password: 'emulator-password',
  },
};

/** JOOR's two schemes: v2 `OAuth2 <base64 token>`, v4 `Bearer <token>` with `?account=`, tokens by password grant. */
export class Authenticator {
  private readonly tokens = new Map<string, { accountId: string; expiresAt: number }>();
  /** Refresh token → account: each is good for one refresh. */
  private readonly refreshTokens = new Map<string, string>();
  readonly counters = { passwordGrants: 0, refreshGrants: 0 };

  constructor(
    private readonly accounts: EmulatedAccount[],
    private readonly now: () => number,
    /** False for a JOOR that knows only the password grant (profile `no-refresh-grant`). */
    private readonly refreshGrant = true,
  ) {}

  /**
   * The password grant, or the refresh-token grant with a refresh token this emulator issued: a token (and a new
   * refresh token) for the account whose v4 client the form carries, or undefined.
   */
  issueToken(
    form: URLSearchParams,
  ): { access_token: string; token_type: 'Bearer'; expires_in: number; refresh_token: string } | undefined {
    const client = (a: EmulatedAccount) =>
      a.v4.clientId === form.get('client_id') && a.v4.clientSecret === form.get('client_secret');
    let account: EmulatedAccount | undefined;
    if (form.get('grant_type') === 'password')
      account = this.accounts.find(
        (a) => client(a) && a.v4.username === form.get('username') && a.v4.password === form.get('password'),
      );
    else if (form.get('grant_type') === 'refresh_token' && this.refreshGrant) {
      const refresh = this.refreshTokens.get(form.get('refresh_token') ?? '');
      account = this.accounts.find((a) => a.accountId === refresh && client(a));
      if (account) this.refreshTokens.delete(form.get('refresh_token')!);
    }
    if (!account) return undefined;
    this.counters[form.get('grant_type') === 'password' ? 'passwordGrants' : 'refreshGrants'] += 1;
    const token = randomUUID();
    const refreshToken = randomUUID();
    this.tokens.set(token, { accountId: account.accountId, expiresAt: this.now() + TOKEN_LIFETIME_S * 1000 });
    this.refreshTokens.set(refreshToken, account.accountId);
    return {
      access_token: token,
      token_type: 'Bearer',
      expires_in: TOKEN_LIFETIME_S,
      refresh_token: refreshToken,
    };
  }

  /**
   * The account an `Authorization` header (and, for v4, the `account` query parameter) stands for, on a route of
   * the given version: v2 routes take only `OAuth2 <base64 token>`, v4 routes only a Bearer token.
   */
  authenticate(
    header: string,
    accountParam: string | null,
    version: 'v2' | 'v4',
  ): EmulatedAccount | undefined {
    if (version === 'v2') {
      if (!header.startsWith('OAuth2 ')) return undefined;
      const token = Buffer.from(header.slice('OAuth2 '.length), 'base64').toString('utf8');
      return this.accounts.find((a) => a.v2Token === token);
    }
    if (header.startsWith('Bearer ')) {
      const session = this.tokens.get(header.slice('Bearer '.length));
      if (!session || session.expiresAt < this.now() || accountParam !== session.accountId) return undefined;
      return this.accounts.find((a) => a.accountId === session.accountId);
    }
    return undefined;
  }

  /** Forgets every token issued (refresh tokens stay good, as after an access token's expiry). */
  revoke(): void {
    this.tokens.clear();
  }
}
