import { describe, expect, it } from 'vitest';
import { matchValue, proposeValueMap } from '../../../lambdas/core/mapping/matchValue.js';

const TERMS = [
  { code: 'NET30', label: 'Net 30 days' },
  { code: 'NET60', label: 'Net 60 days' },
  { code: 'PREPAID', label: 'Payment in advance' },
];

describe('matchValue', () => {
  it('matches by code, exactly or folded', () => {
    expect(matchValue('NET30', TERMS)).toEqual({ code: 'NET30', by: 'code' });
    expect(matchValue('net 30', TERMS)).toEqual({ code: 'NET30', by: 'code' });
    expect(matchValue('Net-60', TERMS)).toEqual({ code: 'NET60', by: 'code' });
  });

  it('matches by label, folded', () => {
    expect(matchValue('PAYMENT IN ADVANCE', TERMS)).toEqual({ code: 'PREPAID', by: 'label' });
  });

  it('matches by closeness: a small misspelling, or the same numbers as exactly one option', () => {
    expect(matchValue('PREPAYED', TERMS)).toEqual({ code: 'PREPAID', by: 'closeness' });
    expect(matchValue('30 days', TERMS)).toEqual({ code: 'NET30', by: 'closeness' });
    expect(matchValue('60 Tage netto', TERMS)).toEqual({ code: 'NET60', by: 'closeness' });
  });

  it('does not guess when nothing is close or two options are as close', () => {
    expect(matchValue('Cash on delivery', TERMS)).toBeUndefined();
    expect(matchValue('30 days', [{ code: 'NET30' }, { code: 'EOM30' }])).toBeUndefined();
    expect(matchValue('', TERMS)).toBeUndefined();
  });
});

describe('proposeValueMap', () => {
  it('proposes a table for the values that differ, and lists the ones nothing matched', () => {
    expect(proposeValueMap(['30 days', 'NET60', '30 days', 'COD'], TERMS)).toEqual({
      table: { '30 days': 'NET30' },
      matches: { '30 days': 'closeness' },
      unmatched: ['COD'],
    });
  });
});
