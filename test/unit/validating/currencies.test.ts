import { describe, expect, it } from 'vitest';
import { toCurrencyCode } from '../../../lambdas/core/validating/currencies.js';

describe('toCurrencyCode', () => {
  it('reads ISO codes in any case', () => {
    expect(toCurrencyCode('EUR', 'FR')).toBe('EUR');
    expect(toCurrencyCode('chf', undefined)).toBe('CHF');
    expect(toCurrencyCode('XYZ', 'FR')).toBeUndefined();
  });

  it('reads the symbols that name one currency anywhere', () => {
    expect(toCurrencyCode('€', 'DE')).toBe('EUR');
    expect(toCurrencyCode('€', undefined)).toBe('EUR');
    expect(toCurrencyCode('£', 'FR')).toBe('GBP');
    expect(toCurrencyCode('US$', 'FR')).toBe('USD');
    expect(toCurrencyCode('Fr.', 'CH')).toBe('CHF');
  });

  it('reads $, ¥ and kr by the row’s country, and leaves them unread where the country does not say which', () => {
    expect(toCurrencyCode('$', 'US')).toBe('USD');
    expect(toCurrencyCode('$', 'CA')).toBe('CAD');
    expect(toCurrencyCode('$', 'AU')).toBe('AUD');
    expect(toCurrencyCode('¥', 'JP')).toBe('JPY');
    expect(toCurrencyCode('￥', 'CN')).toBe('CNY');
    expect(toCurrencyCode('kr', 'SE')).toBe('SEK');
    expect(toCurrencyCode('kr.', 'DK')).toBe('DKK');
    expect(toCurrencyCode('$', 'FR')).toBeUndefined();
    expect(toCurrencyCode('¥', 'FR')).toBeUndefined();
    expect(toCurrencyCode('$', undefined)).toBeUndefined();
    expect(toCurrencyCode('£', 'EG')).toBeUndefined();
  });

  it('reads names in English and in the brand’s language', () => {
    expect(toCurrencyCode('Euro', 'FR')).toBe('EUR');
    expect(toCurrencyCode('euros', 'ES')).toBe('EUR');
    expect(toCurrencyCode('Franken', 'DE')).toBe('CHF');
    expect(toCurrencyCode('Schweizer Franken', 'DE')).toBe('CHF');
    expect(toCurrencyCode('franc suisse', 'FR')).toBe('CHF');
    expect(toCurrencyCode('US-Dollar', 'DE')).toBe('USD');
    expect(toCurrencyCode('Pound Sterling', 'FR')).toBe('GBP');
    expect(toCurrencyCode('Yen', 'FR')).toBe('JPY');
    expect(toCurrencyCode('dólar estadounidense', 'MX')).toBe('USD');
    expect(toCurrencyCode('Dollar', 'CA')).toBe('CAD');
    expect(toCurrencyCode('Monopoly money', 'US')).toBeUndefined();
  });
});
