import {
  CreditBudget,
  connectionFormOf,
  connectionPath,
  DEFAULT_RETRY,
  JoorError,
  JoorHttp,
  type PollSettings,
  TokenProvider,
} from '../../lambdas/adapters/joor/index.js';
import type { TenantConfig } from '../../lambdas/core/config/index.js';
import type { JoorCredentials } from '../../lambdas/core/ports/index.js';
import { answeredWith, describeAnswer } from './answers.js';
import { CallRecorder, type RecordedCall } from './CallRecorder.js';
import { type CheckLine, checkLine } from './CheckLine.js';
import { checkCustomer } from './checkCustomer.js';
import { checkV4, type PriceType } from './checkV4.js';
import { checkWrite } from './checkWrite.js';
import { rateLimitLines } from './rateLimitLines.js';
import type { Ask } from './upsertTrial.js';

export interface JoorCheckOptions {
  tenant: TenantConfig;
  joor: { baseUrl: string; authUrl: string; credentials: JoorCredentials };
  /** Upsert the test connection, poll its job, read it back. */
  write: boolean;
  /** The test connection's code. */
  code: string;
  /** The whole check's time: a job JOOR has not finished by then is reported as such. */
  timeoutMs?: number;
  poll?: PollSettings;
  fetchImpl?: typeof fetch;
}

export interface JoorCheckResult {
  checks: CheckLine[];
  calls: RecordedCall[];
  /** Nothing differs. */
  ok: boolean;
}

const DEFAULT_TIMEOUT_MS = 5 * 60_000;
/**
 * Looks at a trial's job sooner than the pipeline does (the client's DEFAULT_POLL): a check waits on a handful of
 * single-connection jobs, and an operator waits on the check.
 */
const TRIAL_POLL = { firstDelayMs: 1_000, maxDelayMs: 10_000 };

/** v2: the connection GET is a read that every account answers, 200 or 404, once the OAuth2 header is right. */
const v2AuthLine = async (ask: Ask, code: string): Promise<CheckLine> => {
  const probe = await ask('GET', connectionPath(code));
  return checkLine(
    'v2 auth (OAuth2 <base64 token>)',
    'answered (200 or 404)',
    describeAnswer(probe),
    answeredWith(probe, 200, 404) ? 'ok' : 'differs',
  );
};

const NO_V4_LINE = checkLine(
  'v4 auth (POST /auth/, Bearer, ?account=)',
  'v4 credentials given',
  'none (set JOOR_CLIENT_ID, JOOR_CLIENT_SECRET, JOOR_USERNAME, JOOR_PASSWORD): reference data not read',
  'unknown',
);

/**
 * The go-live check of one tenant against a JOOR account: each assumption the client makes (README, "JOOR") asked
 * of JOOR itself, one table line each; every check returns its lines, in the table's order. Read-only unless
 * `write`; the write upserts one clearly named connection, which a second run (the same code) updates rather than
 * duplicates.
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
  const ask: Ask = async (method, path, body) => {
    try {
      return await http.request(method, path, body, deadline);
    } catch (error) {
      if (error instanceof JoorError) return { error };
      throw error;
    }
  };
  const form = connectionFormOf(tenant);

  const v2 = await v2AuthLine(ask, code);
  const advanceClock = (ms: number) => {
    skewMs += ms;
  };
  const v4: { lines: CheckLine[]; firstPriceType?: PriceType } = joor.credentials.v4
    ? await checkV4({ ask, tokens, recorder, advanceClock }, tenant.referenceData, form.refreshGrant)
    : { lines: [NO_V4_LINE] };
  const written = options.write
    ? await checkWrite({
        ask,
        spent: () => http.usage.credits,
        customer: checkCustomer(tenant, code, v4.firstPriceType),
        form,
        poll: options.poll ?? TRIAL_POLL,
        deadline,
      })
    : [];
  const checks = [
    v2,
    ...v4.lines,
    ...written,
    ...rateLimitLines(recorder.calls, tenant.joor.accountId, options.write),
  ];
  return { checks, calls: recorder.calls, ok: checks.every((line) => line.verdict !== 'differs') };
};
