import {
  DEFAULT_RETRY,
  DEFAULT_TOKEN_LIFETIME_S,
  type TokenProvider,
} from '../../lambdas/adapters/joor/index.js';
import type { ReferenceData } from '../../lambdas/core/config/index.js';
import { type AccountItem, readAccountList } from '../joorAccount/readAccountLists.js';
import { describeAnswer } from './answers.js';
import type { CallRecorder, RecordedCall } from './CallRecorder.js';
import { type CheckLine, checkLine } from './CheckLine.js';
import { compareReferenceList } from './compareLists.js';
import type { Ask } from './upsertTrial.js';

/** Lists JOOR gives as `{ code, … }` items (price types have their own shape). */
const CODE_LISTS = [
  'paymentTerms',
  'shippingMethods',
  'salesReps',
  'warehouses',
  'customerGroups',
  'companyNumbers',
] as const;
type CodeList = (typeof CODE_LISTS)[number];
const PRICE_TYPE_KEYS = ['id', 'name', 'currency_code', 'retail_currency_code'];
/** A name like `USD-1`, `17` or a UUID: an id JOOR made up rather than a label a brand would type. */
const GENERATED_ID =
  /^([A-Z]{3}[-_ ]?\d+|\d+|[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12})$/i;

/** What the v4 checks use: the calls, the token provider and the calls it made, and its clock to run ahead. */
export interface V4Session {
  ask: Ask;
  tokens: TokenProvider;
  recorder: CallRecorder;
  advanceClock: (ms: number) => void;
}

/** A price type of the account: the test connection is written with the first one. */
export type PriceType = { currency: string; label: string };

/** Statuses of a token request JOOR turned down for its credentials (OAuth2: 400 invalid_grant/client, 401, 403). */
const REFUSED_GRANT = [400, 401, 403];

const describeToken = (call: RecordedCall): string => {
  // As plain as the v2 line's "JOOR refused the credentials": which ones, and the variables that hold them.
  if (!call.token && typeof call.status === 'number' && REFUSED_GRANT.includes(call.status))
    return `refused: JOOR refused the v4 credentials (HTTP ${call.status}): check JOOR_CLIENT_ID, JOOR_CLIENT_SECRET, JOOR_USERNAME and JOOR_PASSWORD`;
  if (!call.token) return `HTTP ${call.status}`;
  const held = [
    call.token.accessToken ? 'access_token' : '',
    call.token.refreshToken ? 'refresh_token' : '',
    call.token.expiresIn === undefined ? '' : `expires_in ${call.token.expiresIn}`,
  ].filter(Boolean);
  return `HTTP ${call.status}: ${held.join(', ') || 'no token fields'}`;
};

const refreshAnswer = (refresh: RecordedCall | undefined, refreshed: boolean): string => {
  if (!refresh) return 'no refresh token to use';
  if (refreshed) return `HTTP ${refresh.status}: a new access_token`;
  return `refused (HTTP ${refresh.status}); the password grant was used`;
};

/**
 * JOOR's sample shows only the password grant: whether the refresh grant works is the tenant's joor.refreshGrant,
 * and this line carries the value to use.
 */
const refreshLine = (refresh: RecordedCall | undefined, refreshGrant: boolean): CheckLine => {
  const refreshed = refresh?.token?.accessToken === true;
  const kept = refreshed === refreshGrant;
  return {
    ...checkLine(
      'v4 token refresh (refresh_token grant)',
      refreshGrant
        ? 'a new access_token (joor.refreshGrant true)'
        : 'not relied on (joor.refreshGrant false)',
      `${refreshAnswer(refresh, refreshed)}: ${kept ? 'keep' : 'set'} joor.refreshGrant ${refreshed}`,
      kept ? 'ok' : 'differs',
    ),
    setting: { key: 'joor.refreshGrant', value: refreshed },
  };
};

/** The v4 token by the password grant, then (past its lifetime) by the refresh grant. */
const tokenLines = async (
  { tokens, recorder, advanceClock }: V4Session,
  refreshGrant: boolean,
): Promise<{ granted: boolean; lines: CheckLine[] }> => {
  const authorize = () =>
    tokens.authorize(AbortSignal.timeout(DEFAULT_RETRY.requestTimeoutMs), 'v4').then(
      () => undefined,
      (error: unknown) => error as Error,
    );
  const grantFailure = await authorize();
  const password = recorder.calls.findLast((c) => c.grant === 'password');
  const whole =
    password?.token?.accessToken &&
    password.token.refreshToken &&
    password.token.expiresIn === DEFAULT_TOKEN_LIFETIME_S;
  const passwordLine = checkLine(
    'v4 token (POST /auth/, multipart, password grant)',
    `access_token, refresh_token, expires_in ${DEFAULT_TOKEN_LIFETIME_S}`,
    password ? describeToken(password) : `no request made: ${grantFailure?.message}`,
    whole ? 'ok' : 'differs',
  );
  if (grantFailure) return { granted: false, lines: [passwordLine] };
  // Past the token's lifetime the provider renews it with the refresh token first.
  advanceClock((password?.token?.expiresIn ?? DEFAULT_TOKEN_LIFETIME_S) * 1000);
  const before = recorder.calls.length;
  await authorize();
  const refresh = recorder.calls.slice(before).find((c) => c.grant === 'refresh_token');
  return { granted: true, lines: [passwordLine, refreshLine(refresh, refreshGrant)] };
};

const priceTypeShapeLine = (items: Record<string, unknown>[]): CheckLine => {
  const check = 'price type shape';
  const expected = `{ ${PRICE_TYPE_KEYS.join(', ')} }`;
  if (items.length === 0) return checkLine(check, expected, 'no price types', 'unknown');
  const misshapen = items.find((item) => PRICE_TYPE_KEYS.some((key) => !(key in item)));
  return checkLine(
    check,
    expected,
    `{ ${Object.keys(misshapen ?? items[0]!).join(', ')} }`,
    misshapen ? 'differs' : 'ok',
  );
};

/** The price types JOOR gives a currency for: a price type's label is its name, read as its code. */
const pricedOf = (items: AccountItem[]) =>
  items.flatMap((item) => (item.currency ? [{ currency: item.currency, label: item.code }] : []));

/**
 * Each currency's price labels of the config against JOOR's price type names for that currency, and a warning when
 * JOOR's names look like generated ids (its example is "USD-1"): then `name` may not be the v2 `price_type_label`.
 */
const priceLabelLines = (configured: ReferenceData['priceTypes'], items: AccountItem[]): CheckLine[] => {
  const priced = pricedOf(items);
  const currencies = [
    ...new Set([...(configured ?? []).map((p) => p.currency), ...priced.map((p) => p.currency)]),
  ].sort();
  const labels = currencies.map((currency) =>
    compareReferenceList(
      `price labels in ${currency}`,
      configured?.filter((p) => p.currency === currency).map((p) => p.label),
      priced.filter((p) => p.currency === currency).map((p) => p.label),
    ),
  );
  const generated = items.map((item) => item.code).filter((name) => GENERATED_ID.test(name));
  const names = checkLine(
    'price type names (labels, not generated ids)',
    'names a brand would type as price labels',
    generated.length === 0
      ? 'labels'
      : `${generated.slice(0, 5).join(', ')} look like generated ids: the v2 price_type_label may be another field; try one upsert with --write`,
    generated.length === 0 ? 'ok' : 'unknown',
  );
  return [...labels, names];
};

/** The v4 call itself (the price types), their shape, labels and pairs against the config's. */
const priceTypeLines = async (
  ask: Ask,
  configured: ReferenceData | undefined,
): Promise<{ lines: CheckLine[]; first?: PriceType }> => {
  const read = await readAccountList((path) => ask('GET', path), 'priceTypes');
  const call = checkLine(
    `v4 call (Bearer, ?account=): GET ${read.path}`,
    'HTTP 200',
    describeAnswer(read.answer),
    'items' in read ? 'ok' : 'differs',
  );
  if (!('items' in read)) return { lines: [call] };
  const priced = pricedOf(read.items);
  const lines = [
    call,
    priceTypeShapeLine(read.data),
    ...priceLabelLines(configured?.priceTypes, read.items),
    compareReferenceList(
      'price types (currency / label)',
      configured?.priceTypes?.map((p) => `${p.currency} / ${p.label}`),
      priced.map((p) => `${p.currency} / ${p.label}`),
    ),
  ];
  return priced[0] ? { lines, first: priced[0] } : { lines };
};

/** One code list of the account against the config's. */
const codeListLine = async (ask: Ask, list: CodeList, configured: ReferenceData | undefined) => {
  const read = await readAccountList((path) => ask('GET', path), list);
  // No public path was found for these lists: a 404 says our guess is wrong, not that the config is.
  if (!('items' in read))
    return checkLine(
      `reference data: ${list} (GET ${read.path}, path assumed)`,
      'HTTP 200',
      describeAnswer(read.answer),
      'unknown',
    );
  const configuredCodes =
    list === 'salesReps' ? configured?.salesReps?.map((rep) => rep.code) : configured?.[list];
  return compareReferenceList(
    list,
    configuredCodes,
    read.items.map((item) => item.code),
  );
};

/**
 * The v4 token (password grant, then refresh), the v4 call, and the reference lists against the config's; the
 * account's first price type, for the test connection.
 */
export const checkV4 = async (
  session: V4Session,
  configured: ReferenceData | undefined,
  refreshGrant: boolean,
): Promise<{ lines: CheckLine[]; firstPriceType?: PriceType }> => {
  const tokens = await tokenLines(session, refreshGrant);
  if (!tokens.granted) return { lines: tokens.lines };
  const prices = await priceTypeLines(session.ask, configured);
  const lists: CheckLine[] = [];
  // One list after the other: each read spends the account's credits, as the table reports them.
  for (const list of CODE_LISTS) lists.push(await codeListLine(session.ask, list, configured));
  const lines = [...tokens.lines, ...prices.lines, ...lists];
  return prices.first ? { lines, firstPriceType: prices.first } : { lines };
};
