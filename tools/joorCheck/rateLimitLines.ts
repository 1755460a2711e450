import { CREDIT_COST, RATE_LIMIT_HEADERS } from '../../lambdas/adapters/joor/index.js';
import type { RecordedCall } from './CallRecorder.js';
import { type CheckLine, checkLine, type Verdict } from './CheckLine.js';

/** The account JOOR says it throttles against ours: unknown when it names none. */
const throttlingVerdict = (throttling: string | undefined, accountId: string | undefined): Verdict => {
  if (throttling === undefined) return 'unknown';
  return accountId === undefined || throttling === accountId ? 'ok' : 'differs';
};

/** What one kind of call cost, read from the headers, against JOOR's documented cost. */
const costLine = (api: RecordedCall[], kind: 'GET' | 'POST', expected: number): CheckLine => {
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

/** The rate-limit headers JOOR sent and the credits each kind of call cost, read from those headers. */
export const rateLimitLines = (
  calls: RecordedCall[],
  accountId: string | undefined,
  wrote: boolean,
): CheckLine[] => {
  const api = calls.filter((c) => c.grant === undefined && c.status !== 'no answer');
  const names = [...new Set(api.flatMap((c) => c.rateLimit.names))];
  const throttling = api.find((c) => c.rateLimit.throttlingAccount !== undefined)?.rateLimit
    .throttlingAccount;
  return [
    checkLine(
      `${RATE_LIMIT_HEADERS.throttlingAccount} (documented)`,
      accountId ?? 'the account',
      throttling ?? 'not sent',
      throttlingVerdict(throttling, accountId),
    ),
    checkLine(
      'rate-limit headers (X-RateLimit-* assumed)',
      `${RATE_LIMIT_HEADERS.remaining}, ${RATE_LIMIT_HEADERS.reset}`,
      names.length > 0 ? names.join(', ') : 'none (the client paces on its own count)',
      api.some((c) => c.rateLimit.remaining !== undefined && c.rateLimit.resetS !== undefined)
        ? 'ok'
        : 'unknown',
    ),
    costLine(api, 'GET', CREDIT_COST.read),
    ...(wrote ? [costLine(api, 'POST', CREDIT_COST.write)] : []),
  ];
};
