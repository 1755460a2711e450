import { describe, expect, it } from 'vitest';
import { describeV4Errors, v4ErrorsOf } from '../../../../lambdas/adapters/joor/v4Responses.js';

// An integrator's code shows v4 answers with HTTP 200 that carry `errors[]`, their status a word. Reading them on
// the reference lists: test/unit/joorAccount/readAccountLists.test.ts.
describe('v4 errors', () => {
  it('take a number or a word as status, and any answer without a list as none', () => {
    expect(v4ErrorsOf({ errors: [{ status: 404, message: 'No route' }, 'junk'] })).toEqual([
      { status: 404, message: 'No route' },
    ]);
    expect(v4ErrorsOf({ data: [] })).toEqual([]);
    expect(v4ErrorsOf('text')).toEqual([]);
    expect(describeV4Errors([{ status: 'DUPLICATED' }, {}])).toBe('DUPLICATED; an error without a message');
  });
});
