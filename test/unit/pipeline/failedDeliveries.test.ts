import { describe, expect, it } from 'vitest';
import {
  causeOf,
  closingReason,
  failsTheSameWay,
  isPassing,
  SAME_FAILURES_TO_CLOSE,
} from '../../../lambdas/pipeline/failedDeliveries.js';
import { TenantConfigMissing } from '../../../lambdas/pipeline/loadTenantConfig.js';
import type { DeliveryFailure } from '../../../lambdas/pipeline/runTypes.js';

const failure = (message: string, kind: DeliveryFailure['kind'] = 'handler'): DeliveryFailure => ({
  stage: 'split',
  at: new Date().toISOString(),
  kind,
  message,
});

describe('failed deliveries: causes in words, and when a failure is a poison (issue #24)', () => {
  it('names a bad tenant config, with its field, on one line', () => {
    const cause = causeOf(
      new TenantConfigMissing(
        'The config of tenant "b" is not valid: Invalid config/b.json:\n  - bulkSize: Invalid type',
      ),
    );
    expect(cause).toEqual({
      kind: 'config',
      message: 'The config of tenant "b" is not valid: Invalid config/b.json: bulkSize: Invalid type',
    });
  });

  it('tells a file S3 cannot give from a handler that failed', () => {
    expect(causeOf(Object.assign(new Error('gone'), { name: 'NoSuchKey' })).kind).toBe('file');
    // A HEAD's 404 comes without words: the SDK names it by its status.
    expect(causeOf(Object.assign(new Error('UnknownError'), { name: 'NotFound' }))).toEqual({
      kind: 'file',
      message: 'S3 has no such object, or no such version of it (404)',
    });
    expect(causeOf(Object.assign(new Error('UnknownError'), { name: 'Forbidden' })).kind).toBe('file');
    expect(causeOf(new RangeError('Invalid string length'))).toEqual({
      kind: 'handler',
      message: 'RangeError: Invalid string length',
    });
  });

  it('never counts a passing failure (throttling, a 500, a time-out, a reset) however often it repeats', () => {
    expect(isPassing(Object.assign(new Error('Rate exceeded'), { name: 'ThrottlingException' }))).toBe(true);
    expect(isPassing(Object.assign(new Error('x'), { $metadata: { httpStatusCode: 503 } }))).toBe(true);
    expect(isPassing(Object.assign(new Error('socket hang up'), { code: 'ECONNRESET' }))).toBe(true);
    expect(isPassing(new RangeError('Invalid string length'))).toBe(false);
    expect(isPassing(new TenantConfigMissing('No config'))).toBe(false);
  });

  it(`closes at ${SAME_FAILURES_TO_CLOSE} deliveries in a row that failed the same way, not at two different failures`, () => {
    expect(failsTheSameWay([failure('boom')])).toBe(false);
    expect(failsTheSameWay([failure('boom'), failure('boom')])).toBe(true);
    expect(failsTheSameWay([failure('boom'), failure('bang')])).toBe(false);
    expect(failsTheSameWay([failure('boom', 'config'), failure('boom')])).toBe(false);
  });

  it('says the cause and the deliveries that really failed', () => {
    expect(closingReason([failure('x', 'config'), failure('x', 'config')], 'none')).toBe(
      'the tenant config could not be read (x); 2 deliveries to the splitter failed the same way',
    );
    expect(closingReason([], 'the splitter died')).toBe('the splitter died');
  });
});
