import { describe, expect, it } from 'vitest';
import { settleOutcomes, UNCONFIRMED_CODE } from '../../../lambdas/core/sending/index.js';

const unconfirmed = (customerCode: string) => ({
  customerCode,
  code: UNCONFIRMED_CODE,
  message: 'Not confirmed',
});
const refused = (customerCode: string) => ({ customerCode, code: 'joor_rejected', message: 'JOOR said no' });

describe('settleOutcomes: each sent customer’s one outcome from a run’s batch results', () => {
  it('counts a customer JOOR accepted as accepted, dropping the placeholder a close put in another batch', () => {
    const settled = settleOutcomes([
      { accepted: [], failures: [unconfirmed('C1'), unconfirmed('C2'), unconfirmed('C3')] },
      { accepted: ['C2'], failures: [refused('C3')] },
    ]);
    expect(settled).toEqual({ accepted: ['C2'], failures: [unconfirmed('C1'), refused('C3')] });
  });

  it('counts a customer named twice once', () => {
    expect(
      settleOutcomes([
        { accepted: ['C1'], failures: [unconfirmed('C2')] },
        { accepted: ['C1'], failures: [unconfirmed('C2')] },
      ]),
    ).toEqual({ accepted: ['C1'], failures: [unconfirmed('C2')] });
  });

  it('keeps every outcome of results that name each customer once', () => {
    const results = [
      { accepted: ['C1', 'C2'], failures: [refused('C3')] },
      { accepted: ['C4'], failures: [unconfirmed('C5')] },
    ];
    expect(settleOutcomes(results)).toEqual({
      accepted: ['C1', 'C2', 'C4'],
      failures: [refused('C3'), unconfirmed('C5')],
    });
  });
});
