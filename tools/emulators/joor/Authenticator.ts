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

  constructor(
    private readonly accounts: EmulatedAccount[],
    private readonly now: () => number,
  ) {}

  /** The password grant: a token for the account whose v4 credentials the form carries, or undefined. */
  issueToken(
    form: URLSearchParams,
  ): { access_token: string; token_type: 'Bearer'; expires_in: number } | undefined {
    const account = this.accounts.find(
      (a) =>
        a.v4.clientId === form.get('client_id') &&
        a.v4.clientSecret === form.get('client_secret') &&
        a.v4.username === form.get('username') &&
        a.v4.password === form.get('password'),
    );
    if (form.get('grant_type') !== 'password' || !account) return undefined;
    const token = randomUUID();
    this.tokens.set(token, { accountId: account.accountId, expiresAt: this.now() + TOKEN_LIFETIME_S * 1000 });
    return { access_token: token, token_type: 'Bearer', expires_in: TOKEN_LIFETIME_S };
  }

  /** The account an `Authorization` header (and, for v4, the `account` query parameter) stands for. */
  authenticate(header: string, accountParam: string | null): EmulatedAccount | undefined {
    if (header.startsWith('OAuth2 ')) {
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

  /** Forgets every token issued. */
  revoke(): void {
    this.tokens.clear();
  }
}
