import { AdaptiveRetryStrategy } from '@smithy/core/retry';

type Refresh = AdaptiveRetryStrategy['refreshRetryTokenForRetry'];
type ErrorInfo = Parameters<Refresh>[1];

/** Whether SES answered the request at all: an error with an HTTP status is SES's answer, and it did not send. */
const answered = (info: ErrorInfo): boolean =>
  (info.error as { $metadata?: { httpStatusCode?: number } } | undefined)?.$metadata?.httpStatusCode !==
  undefined;

/**
 * The SES client's retry strategy: the SDK's adaptive mode, which backs off on throttling and then keeps the client
 * under the rate SES allows (a token bucket that learns from each throttling answer), so that the finalizers of a
 * busy hour send within the account's sending rate instead of failing at it. Only what SES answered is sent again
 * (a throttling, a 5xx: SES did not send it); a request that got no answer (a time-out, a connection cut) is not, as
 * the email may have gone out (sendReportEmail.ts, UNANSWERED_FAILURES).
 *
 * @example
 * new SESv2Client({ retryStrategy: sesRetryStrategy(4) });
 */
export const sesRetryStrategy = (maxAttempts: number) => {
  const adaptive = new AdaptiveRetryStrategy(maxAttempts);
  return {
    acquireInitialRetryToken: (scope: string) => adaptive.acquireInitialRetryToken(scope),
    refreshRetryTokenForRetry: ((token, info) =>
      answered(info)
        ? adaptive.refreshRetryTokenForRetry(token, info)
        : Promise.reject(new Error('no answer from SES: not sent again'))) satisfies Refresh,
    recordSuccess: (token: Parameters<AdaptiveRetryStrategy['recordSuccess']>[0]) =>
      adaptive.recordSuccess(token),
  };
};
