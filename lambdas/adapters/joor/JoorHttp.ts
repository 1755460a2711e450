import { setTimeout as sleep } from 'node:timers/promises';
import type { JoorUsage } from '../../core/ports/index.js';
import { backoffDelay } from '../backoff.js';
import type { CreditBudget } from './CreditBudget.js';
import { CREDIT_COST, RATE_LIMIT_HEADERS } from './endpoints.js';
import { JoorError } from './JoorError.js';
import { apiVersionOf, type TokenProvider } from './TokenProvider.js';

export interface RetrySettings {
  /** Attempts for 5xx, resets and time-outs, the first included. */
  maxAttempts: number;
  baseDelayMs: number;
  maxDelayMs: number;
  /** Each request's own time-out. */
  requestTimeoutMs: number;
  /** 429s answered in a row before giving up on this batch (SQS brings it back). */
  maxThrottles: number;
  /**
   * The longest wait for JOOR's credits (or a 429's Retry-After) spent inside the function: a longer one is handed
   * back to the caller (`JoorError` of kind `wait`), which lets the queue bring the work back then, so that no
   * function is billed, nor holds one of the platform's slots, while JOOR's window runs out.
   */
  maxInlineWaitMs: number;
}

export const DEFAULT_RETRY: RetrySettings = {
  maxAttempts: 5,
  baseDelayMs: 200,
  maxDelayMs: 10_000,
  requestTimeoutMs: 15_000,
  maxThrottles: 10,
  maxInlineWaitMs: 10_000,
};

export interface JoorResponse {
  status: number;
  body: unknown;
}

const isRetryableStatus = (status: number): boolean => status >= 500;

const parseBody = async (response: Response): Promise<unknown> => {
  const text = await response.text();
  if (text.length === 0) return undefined;
  try {
    return JSON.parse(text);
  } catch {
    return text;
  }
};

/**
 * Sends JOOR requests within the account's credit budget: waits for credits before sending, waits for the window
 * on 429, retries 5xx, resets and time-outs with full-jitter back-off, renews a refused token once, and gives up
 * before the caller's deadline. Answers other than these (2xx and 4xx) go back to the caller as they are.
 */
export class JoorHttp {
  /** Requests sent, credits they cost, 429s answered and time spent on JOOR, since this client was made. */
  readonly usage: JoorUsage = { requests: 0, credits: 0, throttled: 0, waitedMs: 0, requestMs: 0 };

  constructor(
    private readonly baseUrl: string,
    private readonly tokens: TokenProvider,
    private readonly budget: CreditBudget,
    private readonly retry: RetrySettings = DEFAULT_RETRY,
    private readonly fetchImpl: typeof fetch = fetch,
    private readonly now: () => number = Date.now,
  ) {}

  async request(
    method: 'GET' | 'POST',
    path: string,
    body: string | undefined,
    deadline: number,
  ): Promise<JoorResponse> {
    let attempt = 0;
    let throttles = 0;
    let reauthorized = false;
    for (;;) {
      const cost = method === 'GET' ? CREDIT_COST.read : CREDIT_COST.write;
      await this.waitFor(this.budget.reserve(cost), deadline, "JOOR's credits", true);
      const sentAt = this.now();
      const outcome = await this.send(method, path, body, deadline);
      this.usage.requestMs += this.now() - sentAt;
      this.usage.requests += 1;
      // JOOR charges what it served: not a 429; a request that got no answer may have been served, and counts.
      if (!('response' in outcome && outcome.response.status === 429)) this.usage.credits += cost;
      if ('response' in outcome) {
        const { response } = outcome;
        this.observeRateLimit(response.headers);
        if (response.status === 429) {
          throttles += 1;
          this.usage.throttled += 1;
          if (throttles > this.retry.maxThrottles)
            throw new JoorError(`JOOR kept answering 429 (${throttles} times)`, 'unavailable', 429);
          // Retry-After is JOOR telling us when to come back: it wins. Else the window's reset (from JOOR's headers
          // when it sent them, which `observeRateLimit` put into the budget, or our own count). The wait is spent
          // here only when it is short; else the caller hands the work back with it (the credits' wait, above).
          const wait = this.retryAfterMs(response.headers) ?? this.budget.msUntilReset();
          this.budget.exhaustedFor(Math.max(wait, this.retry.baseDelayMs));
          await response.body?.cancel();
          continue;
        }
        if (response.status === 401 && !reauthorized) {
          reauthorized = true;
          this.tokens.invalidate();
          await response.body?.cancel();
          continue;
        }
        if (!isRetryableStatus(response.status)) {
          if (response.status === 401 || response.status === 403) {
            await response.body?.cancel();
            throw new JoorError(
              `JOOR refused the credentials (HTTP ${response.status})`,
              'unauthorized',
              response.status,
            );
          }
          return { status: response.status, body: await parseBody(response) };
        }
        await response.body?.cancel();
      }
      attempt += 1;
      const what = 'response' in outcome ? `HTTP ${outcome.response.status}` : outcome.error;
      if (attempt >= this.retry.maxAttempts) {
        throw new JoorError(
          `JOOR did not answer ${method} ${path} after ${attempt} attempts (last: ${what})`,
          'unavailable',
        );
      }
      await this.waitFor(
        backoffDelay(attempt, this.retry.baseDelayMs, this.retry.maxDelayMs),
        deadline,
        `a retry after ${what}`,
        false,
      );
    }
  }

  private async send(
    method: string,
    path: string,
    body: string | undefined,
    deadline: number,
  ): Promise<{ response: Response } | { error: string }> {
    const timeout = Math.min(this.retry.requestTimeoutMs, deadline - this.now());
    if (timeout <= 0) throw new JoorError(`No time left to call JOOR (${method} ${path})`, 'deadline');
    const signal = AbortSignal.timeout(timeout);
    try {
      const auth = await this.tokens.authorize(signal, apiVersionOf(path));
      const url = new URL(path, this.baseUrl);
      for (const [key, value] of Object.entries(auth.query)) url.searchParams.set(key, value);
      const response = await this.fetchImpl(url, {
        method,
        headers: {
          accept: 'application/json',
          'content-type': 'application/json', // every call (definitions-and-conventions: without it, not processed)
          ...auth.headers,
        },
        body,
        signal,
      });
      return { response };
    } catch (error) {
      if (error instanceof JoorError) throw error;
      const name = (error as Error).name;
      return {
        error:
          name === 'TimeoutError' || name === 'AbortError'
            ? 'time-out'
            : `network error (${(error as Error).message})`,
      };
    }
  }

  /** Aligns the budget with JOOR's rate-limit headers; whether they were there. */
  private observeRateLimit(headers: Headers): boolean {
    const credits = Number(headers.get(RATE_LIMIT_HEADERS.remaining) ?? Number.NaN);
    const seconds = Number(headers.get(RATE_LIMIT_HEADERS.reset) ?? Number.NaN);
    if (!Number.isFinite(credits) || !Number.isFinite(seconds)) return false;
    this.budget.observe(credits, seconds * 1000);
    return true;
  }

  /** Retry-After in seconds (RFC 9110 §10.2.3; an HTTP date is also allowed there), when JOOR sent one. */
  private retryAfterMs(headers: Headers): number | undefined {
    const value = headers.get('retry-after');
    if (value === null) return undefined;
    const seconds = Number(value);
    if (Number.isFinite(seconds) && seconds >= 0) return seconds * 1000;
    const date = Date.parse(value);
    return Number.isFinite(date) ? Math.max(0, date - this.now()) : undefined;
  }

  /**
   * Sleeps `ms`, or gives up before the deadline. A wait for JOOR (`handBack`: its credits, its Retry-After) longer
   * than `maxInlineWaitMs` or than the time left is not spent here: it is thrown as a `wait` for the caller to hand
   * the work back with, so that the next attempt waits instead of posting.
   */
  private async waitFor(ms: number, deadline: number, what: string, handBack: boolean): Promise<void> {
    if (ms <= 0) return;
    const passesDeadline = this.now() + ms >= deadline;
    if (handBack && (passesDeadline || ms > this.retry.maxInlineWaitMs))
      throw new JoorError(`Waiting ${Math.ceil(ms)} ms for ${what}`, 'wait', undefined, undefined, ms);
    if (passesDeadline)
      throw new JoorError(`Waiting ${Math.ceil(ms)} ms for ${what} would pass the deadline`, 'deadline');
    await sleep(ms);
    this.usage.waitedMs += ms;
  }
}
