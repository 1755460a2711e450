import { RATE_LIMIT_HEADERS } from '../../lambdas/adapters/joor/index.js';
import { optionalField } from './optionalField.js';

/** One HTTP call as `joor-check` saw it: never a header or a body that could hold a credential. */
export interface RecordedCall {
  method: string;
  /** Path only: the query may carry the account, nothing secret, but the table needs no more. */
  path: string;
  status: number | 'no answer';
  /** The token grant a call to the auth host made (`password`, `refresh_token`). */
  grant?: string;
  /** What a token answer held, by field presence: the values are secrets. */
  token?: { accessToken: boolean; refreshToken: boolean; expiresIn?: number };
  rateLimit: { remaining?: number; resetS?: number; throttlingAccount?: string; names: string[] };
  /** Credits the call cost, from the drop in `X-RateLimit-Remaining` since the call before, in the same window. */
  credits?: number;
}

const RATE_HEADER = /^x-(ratelimit|throttling|rate-limit)/i;

const numberOf = (value: string | null): number | undefined => {
  if (value === null) return undefined;
  const n = Number(value);
  return Number.isFinite(n) ? n : undefined;
};

/**
 * A fetch that records what JOOR answered, for the check's table: statuses, rate-limit headers (every header whose
 * name says so, not only the ones the client reads), the credits each call cost and what a token answer held.
 */
export class CallRecorder {
  readonly calls: RecordedCall[] = [];

  constructor(private readonly inner: typeof fetch = fetch) {}

  readonly fetch: typeof fetch = async (input, init) => {
    const url = new URL(input instanceof Request ? input.url : String(input));
    const method = init?.method ?? 'GET';
    const grant = init?.body instanceof FormData ? String(init.body.get('grant_type') ?? '') : undefined;
    let response: Response;
    try {
      response = await this.inner(input, init);
    } catch (error) {
      this.calls.push({ method, path: url.pathname, status: 'no answer', rateLimit: { names: [] } });
      throw error;
    }
    const call: RecordedCall = {
      method,
      path: url.pathname,
      status: response.status,
      ...(grant ? { grant } : {}),
      rateLimit: {
        names: [...response.headers.keys()].filter((name) => RATE_HEADER.test(name)).sort(),
        ...optionalField('remaining', numberOf(response.headers.get(RATE_LIMIT_HEADERS.remaining))),
        ...optionalField('resetS', numberOf(response.headers.get(RATE_LIMIT_HEADERS.reset))),
        ...optionalField(
          'throttlingAccount',
          response.headers.get(RATE_LIMIT_HEADERS.throttlingAccount) ?? undefined,
        ),
      },
    };
    if (grant !== undefined && response.ok) {
      const answer = (await response
        .clone()
        .json()
        .catch(() => ({}))) as { access_token?: unknown; refresh_token?: unknown; expires_in?: unknown };
      call.token = {
        accessToken: typeof answer.access_token === 'string',
        refreshToken: typeof answer.refresh_token === 'string',
        ...optionalField('expiresIn', typeof answer.expires_in === 'number' ? answer.expires_in : undefined),
      };
    }
    const before = this.calls.findLast((c) => c.grant === undefined && c.rateLimit.remaining !== undefined);
    const drop =
      before && grant === undefined && call.rateLimit.remaining !== undefined
        ? before.rateLimit.remaining! - call.rateLimit.remaining
        : undefined;
    // A rise means a new window began: the cost of that call cannot be told from the headers.
    if (drop !== undefined && drop >= 0) call.credits = drop;
    this.calls.push(call);
    return response;
  };
}
