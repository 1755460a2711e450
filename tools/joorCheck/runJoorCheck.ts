import {
  BULK_CONNECTION_PATH,
  type BulkJob,
  type ConnectionForm,
  CREDIT_COST,
  CreditBudget,
  commentOf,
  connectionFormOf,
  connectionPath,
  DEFAULT_RETRY,
  DEFAULT_TOKEN_LIFETIME_S,
  describeV4Errors,
  envelopeCodeOf,
  JoorError,
  JoorHttp,
  RATE_LIMIT_HEADERS,
  REFERENCE_DATA_PATHS,
  recordErrorsOf,
  TokenProvider,
  toConnection,
  v4ErrorsOf,
} from '../../lambdas/adapters/joor/index.js';
import type { ReferenceData, TenantConfig } from '../../lambdas/core/config/index.js';
import type { JoorCredentials } from '../../lambdas/core/ports/index.js';
import { CallRecorder, type RecordedCall } from './CallRecorder.js';
import { type CheckLine, checkLine } from './CheckLine.js';
import { checkCustomer } from './checkCustomer.js';
import { compareConnection } from './compareConnection.js';
import { compareReferenceList } from './compareLists.js';
import { settleOpenPoints } from './settleOpenPoints.js';
import {
  type Answer,
  type Ask,
  completeTrial,
  describeError,
  type Poll,
  type Reply,
  submitTrial,
} from './upsertTrial.js';

export interface JoorCheckOptions {
  tenant: TenantConfig;
  joor: { baseUrl: string; authUrl: string; credentials: JoorCredentials };
  /** Upsert the test connection, poll its job, read it back. */
  write: boolean;
  /** The test connection's code. */
  code: string;
  /** The whole check's time: a job JOOR has not finished by then is reported as such. */
  timeoutMs?: number;
  poll?: { firstDelayMs: number; maxDelayMs: number };
  fetchImpl?: typeof fetch;
}

export interface JoorCheckResult {
  checks: CheckLine[];
  calls: RecordedCall[];
  /** Nothing differs. */
  ok: boolean;
}

const DEFAULT_TIMEOUT_MS = 5 * 60_000;
const DEFAULT_POLL = { firstDelayMs: 1_000, maxDelayMs: 10_000 };
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

/** What JOOR answered, as a table cell: its status, or why there was no usable answer. */
const describeAnswer = (answer: Answer): string => {
  if ('error' in answer) return describeError(answer.error);
  const errors = v4ErrorsOf(answer.body);
  return errors.length === 0
    ? `HTTP ${answer.status}`
    : `HTTP ${answer.status} with errors: ${describeV4Errors(errors)}`;
};

/** Whether JOOR answered with one of these statuses. */
const answeredWith = (answer: Answer, ...statuses: number[]): answer is Reply =>
  !('error' in answer) && statuses.includes(answer.status);

/** A v4 list answered whole: HTTP 200 and no `errors[]` (which JOOR may send with a 200). */
const listed = (answer: Answer): answer is Reply =>
  answeredWith(answer, 200) && v4ErrorsOf(answer.body).length === 0;

/**
 * The go-live check of one tenant against a JOOR account: each assumption the client makes (README, "JOOR") asked
 * of JOOR itself, one table line each. Read-only unless `write`; the write upserts one clearly named connection,
 * which a second run (the same code) updates rather than duplicates.
 */
export const runJoorCheck = async (options: JoorCheckOptions): Promise<JoorCheckResult> => {
  const { tenant, joor, code } = options;
  const recorder = new CallRecorder(options.fetchImpl ?? fetch);
  const deadline = Date.now() + (options.timeoutMs ?? DEFAULT_TIMEOUT_MS);
  // The token provider's clock runs ahead on demand, so that the refresh grant can be checked without waiting 10 h.
  let skewMs = 0;
  const tokens = new TokenProvider(
    async () => joor.credentials,
    joor.authUrl,
    tenant.joor.accountId,
    recorder.fetch,
    () => Date.now() + skewMs,
  );
  const http = new JoorHttp(
    joor.baseUrl,
    tokens,
    new CreditBudget(tenant.joor.creditsPerWindow, tenant.joor.windowSeconds * 1000),
    DEFAULT_RETRY,
    recorder.fetch,
  );
  const ask = async (method: 'GET' | 'POST', path: string, body?: string): Promise<Answer> => {
    try {
      return await http.request(method, path, body, deadline);
    } catch (error) {
      if (error instanceof JoorError) return { error };
      throw error;
    }
  };
  const checks: CheckLine[] = [];

  // v2: the connection GET is a read that every account answers, 200 or 404, once the OAuth2 header is right.
  const probe = await ask('GET', connectionPath(code));
  checks.push(
    checkLine(
      'v2 auth (OAuth2 <base64 token>)',
      'answered (200 or 404)',
      describeAnswer(probe),
      answeredWith(probe, 200, 404) ? 'ok' : 'differs',
    ),
  );

  let joorPriceType: { currency: string; label: string } | undefined;
  if (joor.credentials.v4) {
    joorPriceType = await checkV4(
      ask,
      tokens,
      recorder,
      tenant.referenceData,
      connectionFormOf(tenant).refreshGrant,
      checks,
      (ms) => {
        skewMs += ms;
      },
    );
  } else {
    checks.push(
      checkLine(
        'v4 auth (POST /auth/, Bearer, ?account=)',
        'v4 credentials given',
        'none (set JOOR_CLIENT_ID, JOOR_CLIENT_SECRET, JOOR_USERNAME, JOOR_PASSWORD): reference data not read',
        'unknown',
      ),
    );
  }

  if (options.write) {
    await checkWrite(
      ask,
      () => http.usage.credits,
      checkCustomer(tenant, code, joorPriceType),
      connectionFormOf(tenant),
      options.poll ?? DEFAULT_POLL,
      deadline,
      checks,
    );
  }
  checks.push(...rateLimitLines(recorder.calls, tenant.joor.accountId, options.write));
  return { checks, calls: recorder.calls, ok: checks.every((line) => line.verdict !== 'differs') };
};

/** The v4 token (password grant, then refresh), the v4 call, and the reference lists against the config's. */
const checkV4 = async (
  ask: Ask,
  tokens: TokenProvider,
  recorder: CallRecorder,
  configured: ReferenceData | undefined,
  refreshGrant: boolean,
  checks: CheckLine[],
  advanceClock: (ms: number) => void,
): Promise<{ currency: string; label: string } | undefined> => {
  const tokenExpected = `access_token, refresh_token, expires_in ${DEFAULT_TOKEN_LIFETIME_S}`;
  const authorize = () =>
    tokens.authorize(AbortSignal.timeout(DEFAULT_RETRY.requestTimeoutMs), 'v4').then(
      () => undefined,
      (error: unknown) => error as Error,
    );
  const grantFailure = await authorize();
  const password = recorder.calls.findLast((c) => c.grant === 'password');
  checks.push(
    checkLine(
      'v4 token (POST /auth/, multipart, password grant)',
      tokenExpected,
      password ? describeToken(password) : `no request made: ${grantFailure?.message}`,
      password?.token?.accessToken &&
        password.token.refreshToken &&
        password.token.expiresIn === DEFAULT_TOKEN_LIFETIME_S
        ? 'ok'
        : 'differs',
    ),
  );
  if (grantFailure) return undefined;

  // Past the token's lifetime the provider renews it with the refresh token first.
  advanceClock((password?.token?.expiresIn ?? DEFAULT_TOKEN_LIFETIME_S) * 1000);
  const before = recorder.calls.length;
  await authorize();
  const renewals = recorder.calls.slice(before);
  const refresh = renewals.find((c) => c.grant === 'refresh_token');
  // JOOR's sample shows only the password grant: whether the refresh grant works is the tenant's joor.refreshGrant.
  const refreshed = refresh?.token?.accessToken === true;
  checks.push({
    ...checkLine(
      'v4 token refresh (refresh_token grant)',
      refreshGrant
        ? 'a new access_token (joor.refreshGrant true)'
        : 'not relied on (joor.refreshGrant false)',
      `${
        refresh
          ? refreshed
            ? `HTTP ${refresh.status}: a new access_token`
            : `refused (HTTP ${refresh.status}); the password grant was used`
          : 'no refresh token to use'
      }: ${refreshed === refreshGrant ? 'keep' : 'set'} joor.refreshGrant ${refreshed}`,
      refreshed === refreshGrant ? 'ok' : 'differs',
    ),
    setting: { key: 'joor.refreshGrant', value: refreshed },
  });

  const priceTypes = await ask('GET', REFERENCE_DATA_PATHS.priceTypes);
  checks.push(
    checkLine(
      `v4 call (Bearer, ?account=): GET ${REFERENCE_DATA_PATHS.priceTypes}`,
      'HTTP 200',
      describeAnswer(priceTypes),
      listed(priceTypes) ? 'ok' : 'differs',
    ),
  );
  const items = listed(priceTypes) ? dataOf(priceTypes.body) : undefined;
  let first: { currency: string; label: string } | undefined;
  if (items) {
    const misshapen = items.filter((item) => PRICE_TYPE_KEYS.some((key) => !(key in item)));
    checks.push(
      checkLine(
        'price type shape',
        `{ ${PRICE_TYPE_KEYS.join(', ')} }`,
        items.length === 0
          ? 'no price types'
          : misshapen.length === 0
            ? `{ ${Object.keys(items[0]!).join(', ')} }`
            : `{ ${Object.keys(misshapen[0]!).join(', ')} }`,
        items.length === 0 ? 'unknown' : misshapen.length === 0 ? 'ok' : 'differs',
      ),
    );
    checks.push(...priceLabelLines(configured?.priceTypes, items));
    const joorTypes = items.map((item) => `${item.currency_code} / ${item.name}`);
    checks.push(
      compareReferenceList(
        'price types (currency / label)',
        configured?.priceTypes?.map((p) => `${p.currency} / ${p.label}`),
        joorTypes,
      ),
    );
    if (items[0]) first = { currency: String(items[0].currency_code), label: String(items[0].name) };
  }

  const configuredCodes = (list: CodeList): string[] | undefined =>
    list === 'salesReps' ? configured?.salesReps?.map((rep) => rep.code) : configured?.[list];
  for (const list of CODE_LISTS) {
    const path = REFERENCE_DATA_PATHS[list];
    const answer = await ask('GET', path);
    if (!listed(answer)) {
      // No public path was found for these lists: a 404 says our guess is wrong, not that the config is.
      checks.push(
        checkLine(
          `reference data: ${list} (GET ${path}, path assumed)`,
          'HTTP 200',
          describeAnswer(answer),
          'unknown',
        ),
      );
      continue;
    }
    checks.push(
      compareReferenceList(
        list,
        configuredCodes(list),
        (dataOf(answer.body) ?? []).map((item) => String(item.code)),
      ),
    );
  }
  return first;
};

/** A name like `USD-1`, `17` or a UUID: an id JOOR made up rather than a label a brand would type. */
const GENERATED_ID =
  /^([A-Z]{3}[-_ ]?\d+|\d+|[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12})$/i;

/**
 * Each currency's price labels of the config against JOOR's price type names for that currency, and a warning when
 * JOOR's names look like generated ids (its example is "USD-1"): then `name` may not be the v2 `price_type_label`.
 */
const priceLabelLines = (
  configured: ReferenceData['priceTypes'],
  items: Record<string, unknown>[],
): CheckLine[] => {
  const currencies = [
    ...new Set([...(configured ?? []).map((p) => p.currency), ...items.map((i) => String(i.currency_code))]),
  ].sort();
  const lines = currencies.map((currency) =>
    compareReferenceList(
      `price labels in ${currency}`,
      configured === undefined
        ? undefined
        : configured.filter((p) => p.currency === currency).map((p) => p.label),
      items.filter((i) => i.currency_code === currency).map((i) => String(i.name)),
    ),
  );
  const generated = items.map((i) => String(i.name)).filter((name) => GENERATED_ID.test(name));
  lines.push(
    checkLine(
      'price type names (labels, not generated ids)',
      'names a brand would type as price labels',
      generated.length === 0
        ? 'labels'
        : `${generated.slice(0, 5).join(', ')} look like generated ids: the v2 price_type_label may be another field; try one upsert with --write`,
      generated.length === 0 ? 'ok' : 'unknown',
    ),
  );
  return lines;
};

const dataOf = (body: unknown): Record<string, unknown>[] | undefined => {
  const data = (body as { data?: unknown })?.data;
  return Array.isArray(data) ? (data as Record<string, unknown>[]) : undefined;
};

const describeToken = (call: RecordedCall): string => {
  if (!call.token) return `HTTP ${call.status}`;
  const held = [
    call.token.accessToken ? 'access_token' : '',
    call.token.refreshToken ? 'refresh_token' : '',
    call.token.expiresIn === undefined ? '' : `expires_in ${call.token.expiresIn}`,
  ].filter(Boolean);
  return `HTTP ${call.status}: ${held.join(', ') || 'no token fields'}`;
};

/**
 * Upserts the test connection in the tenant's form, polls its job, reads it back (wherever JOOR nests it) field by
 * field, settles the open points by trying their alternatives, and has JOOR refuse a bad record.
 */
const checkWrite = async (
  ask: Ask,
  spent: () => number,
  customer: ReturnType<typeof checkCustomer>,
  form: ConnectionForm,
  poll: Poll,
  deadline: number,
  checks: CheckLine[],
): Promise<void> => {
  const base = await submitTrial(ask, spent, toConnection(customer, form));
  const upsertCheck = `bulk upsert of ${customer.customerCode} (POST ${BULK_CONNECTION_PATH})`;
  const upsertExpected = 'HTTP 200, response.code 0, a job';
  if (base.post && 'error' in base.post) {
    checks.push(checkLine(upsertCheck, upsertExpected, describeError(base.post.error), 'differs'));
    return;
  }
  checks.push(
    checkLine(
      upsertCheck,
      upsertExpected,
      base.taken
        ? `HTTP 200, response.code ${envelopeCodeOf((base.post as Reply).body) ?? '(none)'}, job ${(base.job as BulkJob).bulk_connections_job_id}`
        : (base.refusal ?? ''),
      base.taken ? 'ok' : 'differs',
    ),
  );
  if (base.taken) {
    await completeTrial(ask, spent, base, poll, deadline);
    checks.push(jobLine(base.job));
    if (base.read) {
      const read = base.read;
      checks.push(
        checkLine(
          `read back (GET ${connectionPath(customer.customerCode)})`,
          'HTTP 200, the connection (any nesting; the one used named)',
          'error' in read
            ? describeError(read.error)
            : base.found
              ? `HTTP ${read.status}, under ${base.found.shape}`
              : `HTTP ${read.status}: ${commentOf(read.body, read.status)}`,
          base.found ? 'ok' : 'differs',
        ),
      );
      if (base.found) checks.push(...compareConnection(base.sent, base.found.connection));
    }
  }
  checks.push(...(await settleOpenPoints({ ask, spent, customer, form, base, poll, deadline })).lines);
  checks.push(await refusalLine(ask, `${customer.customerCode}-INVALID`));
};

const jobLine = (job: BulkJob | { failure: string } | undefined): CheckLine => {
  const check = `bulk job status (GET ${BULK_CONNECTION_PATH}/{id})`;
  const expected = 'finished, 1 of 1 processed, created and modified dates';
  if (!job || 'failure' in job) return checkLine(check, expected, job?.failure ?? 'no answer', 'differs');
  const dated = 'created' in job && 'modified' in job;
  const answered = `${job.status}, ${job.connection_record_progress ?? '?'} of ${job.connection_record_count ?? '?'} processed${dated ? ', created and modified dates' : `; fields: ${Object.keys(job).join(', ')}`}`;
  if (job.status !== 'finished')
    return checkLine(check, expected, `${answered} (not finished in time)`, 'unknown');
  const ok = dated && job.connection_record_progress === 1;
  return checkLine(check, expected, answered, ok ? 'ok' : 'differs');
};

/** A record with a code and nothing else: JOOR must refuse it and, as the client assumes, name it. */
const refusalLine = async (ask: Ask, code: string): Promise<CheckLine> => {
  const check = `refusal of an invalid record (${code}, no customer_name)`;
  const expected = 'HTTP 4xx naming the record in bulk_connections.errors[]';
  const answer = await ask(
    'POST',
    BULK_CONNECTION_PATH,
    JSON.stringify({ bulk_connections: { connection: [{ customer_code: code }] } }),
  );
  if ('error' in answer) return checkLine(check, expected, describeError(answer.error), 'differs');
  const named = recordErrorsOf(answer.body).find((e) => e.customer_code === code || e.index === 0);
  const envelope = envelopeCodeOf(answer.body);
  const refused = answer.status >= 400 && answer.status < 500;
  const answered = `HTTP ${answer.status}, response.code ${envelope ?? '(none)'}, ${named ? `names it: ${named.field ?? ''} ${named.message ?? ''}`.trim() : 'names no record'}: ${commentOf(answer.body, answer.status)}`;
  return checkLine(check, expected, answered, refused && named ? 'ok' : 'differs');
};

/** The rate-limit headers JOOR sent and the credits each kind of call cost, read from those headers. */
const rateLimitLines = (
  calls: RecordedCall[],
  accountId: string | undefined,
  wrote: boolean,
): CheckLine[] => {
  const api = calls.filter((c) => c.grant === undefined && c.status !== 'no answer');
  const names = [...new Set(api.flatMap((c) => c.rateLimit.names))];
  const throttling = api.find((c) => c.rateLimit.throttlingAccount !== undefined)?.rateLimit
    .throttlingAccount;
  const lines = [
    checkLine(
      `${RATE_LIMIT_HEADERS.throttlingAccount} (documented)`,
      accountId ?? 'the account',
      throttling ?? 'not sent',
      throttling === undefined
        ? 'unknown'
        : accountId === undefined || throttling === accountId
          ? 'ok'
          : 'differs',
    ),
    checkLine(
      'rate-limit headers (X-RateLimit-* assumed)',
      `${RATE_LIMIT_HEADERS.remaining}, ${RATE_LIMIT_HEADERS.reset}`,
      names.length > 0 ? names.join(', ') : 'none (the client paces on its own count)',
      api.some((c) => c.rateLimit.remaining !== undefined && c.rateLimit.resetS !== undefined)
        ? 'ok'
        : 'unknown',
    ),
  ];
  const costLine = (kind: 'GET' | 'POST', expected: number): CheckLine => {
    const costs = [
      ...new Set(api.filter((c) => c.method === kind && c.credits !== undefined).map((c) => c.credits!)),
    ];
    const check = `credits per ${kind === 'GET' ? 'read' : 'write'} (rate-limits)`;
    if (costs.length === 0)
      return checkLine(check, String(expected), 'not measurable from the headers', 'unknown');
    return checkLine(
      check,
      String(expected),
      costs.join(', '),
      costs.every((c) => c === expected) ? 'ok' : 'differs',
    );
  };
  lines.push(costLine('GET', CREDIT_COST.read));
  if (wrote) lines.push(costLine('POST', CREDIT_COST.write));
  return lines;
};
