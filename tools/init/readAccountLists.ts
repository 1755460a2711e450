import {
  CreditBudget,
  DEFAULT_RETRY,
  describeV4Errors,
  JoorError,
  JoorHttp,
  REFERENCE_DATA_PATHS,
  TokenProvider,
  v4ErrorsOf,
} from '../../lambdas/adapters/joor/index.js';
import type { JoorCredentials } from '../../lambdas/core/ports/index.js';

export type AccountListName = keyof typeof REFERENCE_DATA_PATHS;

/** One item of a reference list: its code and, where JOOR gives one, its name (a price type's label is its name). */
export interface AccountItem {
  code: string;
  name?: string;
  /** Price types: their currency. Sales reps: their email. */
  currency?: string;
  email?: string;
}

/** The account's reference lists as JOOR answered them; a list JOOR has no path for is named in `unavailable`. */
export interface AccountLists {
  lists: Partial<Record<AccountListName, AccountItem[]>>;
  unavailable: { list: AccountListName; why: string }[];
}

export interface AccountConnection {
  baseUrl: string;
  authUrl: string;
  accountId: string;
  credentials: JoorCredentials;
  fetchImpl?: typeof fetch;
}

/** JOOR's documented rate limit (SPEC §3): reading seven lists costs seven credits. */
const CREDITS_PER_WINDOW = 300;
const WINDOW_MS = 300_000;
const TIMEOUT_MS = 60_000;

const itemOf = (list: AccountListName, raw: Record<string, unknown>): AccountItem | undefined => {
  const text = (key: string) =>
    typeof raw[key] === 'string' && raw[key] !== '' ? (raw[key] as string) : undefined;
  // JOOR's documented price type shape (create-prices): { id, name, currency_code, retail_currency_code }.
  if (list === 'priceTypes') {
    const name = text('name');
    return name
      ? { code: name, name, ...(text('currency_code') ? { currency: text('currency_code')! } : {}) }
      : undefined;
  }
  const code = text('code');
  if (!code) return undefined;
  return {
    code,
    ...(text('name') ? { name: text('name')! } : {}),
    ...(text('email') ? { email: text('email')! } : {}),
  };
};

/**
 * Reads every reference list of a JOOR account (v4, Bearer and `?account=`), one GET each: the one reader of them
 * (the pipeline takes its reference data from the tenant's config). A list JOOR answers with anything but 200, or
 * with errors, is reported unavailable with its status or JOOR's words (JOOR publishes no path for most lists),
 * never taken for an empty one.
 */
export const readAccountLists = async (joor: AccountConnection): Promise<AccountLists> => {
  const fetchImpl = joor.fetchImpl ?? fetch;
  const tokens = new TokenProvider(async () => joor.credentials, joor.authUrl, joor.accountId, fetchImpl);
  const http = new JoorHttp(
    joor.baseUrl,
    tokens,
    new CreditBudget(CREDITS_PER_WINDOW, WINDOW_MS),
    DEFAULT_RETRY,
    fetchImpl,
  );
  const deadline = Date.now() + TIMEOUT_MS;
  const result: AccountLists = { lists: {}, unavailable: [] };
  for (const [list, path] of Object.entries(REFERENCE_DATA_PATHS) as [AccountListName, string][]) {
    try {
      const { status, body } = await http.request('GET', path, undefined, deadline);
      const data = (body as { data?: unknown })?.data;
      if (status !== 200 || !Array.isArray(data)) {
        result.unavailable.push({ list, why: `GET ${path} answered HTTP ${status}` });
        continue;
      }
      // A v4 answer may carry errors with HTTP 200: a list JOOR reports a problem with is not a list to check rows by.
      const errors = v4ErrorsOf(body);
      if (errors.length > 0) {
        result.unavailable.push({
          list,
          why: `GET ${path} answered with errors: ${describeV4Errors(errors)}`,
        });
        continue;
      }
      result.lists[list] = data.flatMap((raw) => {
        const item =
          raw && typeof raw === 'object' ? itemOf(list, raw as Record<string, unknown>) : undefined;
        return item ? [item] : [];
      });
    } catch (error) {
      if (!(error instanceof JoorError)) throw error;
      // Credentials JOOR refuses make every other list fail the same way: say it once.
      result.unavailable.push({ list, why: error.message });
      if (error.kind === 'unauthorized') break;
    }
  }
  return result;
};
