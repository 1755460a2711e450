import { describe, expect, it } from 'vitest';
import {
  toCountryCode,
  toSubdivisionCode,
  usesPostalCode,
} from '../../../lambdas/core/validating/geography.js';

describe('geography', () => {
  it('reads a country as alpha-2, alpha-3 or English name, in any case', () => {
    expect(toCountryCode('fr')).toBe('FR');
    expect(toCountryCode('USA')).toBe('US');
    expect(toCountryCode('United Kingdom')).toBe('GB');
    expect(toCountryCode('japan')).toBe('JP');
    expect(toCountryCode('XX')).toBeUndefined();
    expect(toCountryCode('Atlantis')).toBeUndefined();
  });

  it('reads a state of the countries that need one as code, full code or name, accents aside', () => {
    expect(toSubdivisionCode('US', 'ny')).toBe('NY');
    expect(toSubdivisionCode('US', 'US-CA')).toBe('CA');
    expect(toSubdivisionCode('CA', 'Québec')).toBe('QC');
    expect(toSubdivisionCode('CA', 'Quebec')).toBe('QC');
    expect(toSubdivisionCode('AU', 'New South Wales')).toBe('NSW');
    expect(toSubdivisionCode('US', 'Ontario')).toBeUndefined();
    // Elsewhere the state is kept as given.
    expect(toSubdivisionCode('FR', 'Île-de-France')).toBe('Île-de-France');
  });

  it('knows which countries use postal codes', () => {
    expect(usesPostalCode('FR')).toBe(true);
    expect(usesPostalCode('US')).toBe(true);
    expect(usesPostalCode('HK')).toBe(false);
  });
});
