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

/** What JOOR answered a GET with, or the client's error when there was no answer to use. */
export type ListAnswer = { status: number; body: unknown } | { error: JoorError };

/**
 * One reference list as JOOR answered it: its items (with the objects they were read from, for a check of their
 * shape), or why it is unavailable; the answer either way, for a caller that describes it in its own words.
 */
export type AccountList = { list: AccountListName; path: string; answer: ListAnswer } & (
  | { items: AccountItem[]; data: Record<string, unknown>[] }
  | { unavailable: string }
);

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

const isObject = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null;

/**
 * Reads one reference list of a JOOR account (v4, Bearer and `?account=`) by `get`: the one reader of them, for
 * `init` and `joor-check` (the pipeline takes its reference data from the tenant's config). A list JOOR answers with
 * anything but 200 and a `data` list, or with errors, is unavailable with its status or JOOR's words (JOOR
 * publishes no path for most lists), never taken for an empty one.
 */
export const readAccountList = async (
  get: (path: string) => Promise<ListAnswer>,
  list: AccountListName,
): Promise<AccountList> => {
  const path = REFERENCE_DATA_PATHS[list];
  const answer = await get(path);
  const unavailable = (why: string): AccountList => ({ list, path, answer, unavailable: why });
  if ('error' in answer) return unavailable(answer.error.message);
  const data = (answer.body as { data?: unknown })?.data;
  if (answer.status !== 200 || !Array.isArray(data))
    return unavailable(`GET ${path} answered HTTP ${answer.status}`);
  // A v4 answer may carry errors with HTTP 200: a list JOOR reports a problem with is not a list to check rows by.
  const errors = v4ErrorsOf(answer.body);
  if (errors.length > 0) return unavailable(`GET ${path} answered with errors: ${describeV4Errors(errors)}`);
  const objects = data.filter(isObject);
  return { list, path, answer, items: objects.flatMap((raw) => itemOf(list, raw) ?? []), data: objects };
};

/** Reads every reference list of a JOOR account, one GET each, on a client of its own. */
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
  const get = async (path: string): Promise<ListAnswer> => {
    try {
      return await http.request('GET', path, undefined, deadline);
    } catch (error) {
      if (error instanceof JoorError) return { error };
      throw error;
    }
  };
  const result: AccountLists = { lists: {}, unavailable: [] };
  for (const list of Object.keys(REFERENCE_DATA_PATHS) as AccountListName[]) {
    const read = await readAccountList(get, list);
    if ('items' in read) {
      result.lists[list] = read.items;
      continue;
    }
    result.unavailable.push({ list, why: read.unavailable });
    // Credentials JOOR refuses make every other list fail the same way: say it once.
    if ('error' in read.answer && read.answer.error.kind === 'unauthorized') break;
  }
  return result;
};
