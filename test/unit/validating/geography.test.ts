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

  it('reads a country by its name in the languages brands write in, any case, accents and dots optional', () => {
    const names: [string, string][] = [
      ['España', 'ES'],
      ['Deutschland', 'DE'],
      ['Österreich', 'AT'],
      ['osterreich', 'AT'],
      ['Schweiz', 'CH'],
      ['Frankreich', 'FR'],
      ['Royaume-Uni', 'GB'],
      ['Países Bajos', 'NL'],
      ['Polska', 'PL'],
      ['Ελλάδα', 'GR'],
      ['България', 'BG'],
      ['Éire', 'IE'],
      ['Magyarország', 'HU'],
      ['日本', 'JP'],
      ['대한민국', 'KR'],
      ['Türkiye', 'TR'],
      ['Estados Unidos', 'US'],
      ['Lëtzebuerg', 'LU'],
    ];
    for (const [name, code] of names) expect(toCountryCode(name), name).toBe(code);
  });

  it('reads the common variants CLDR does not list', () => {
    for (const name of ['U.S.A.', 'United States of America', 'USA', 'EE.UU.'])
      expect(toCountryCode(name), name).toBe('US');
    for (const name of ['UK', 'U.K.', 'Great Britain', 'England', 'Großbritannien'])
      expect(toCountryCode(name), name).toBe('GB');
    expect(toCountryCode('Holland')).toBe('NL');
    expect(toCountryCode('The Netherlands')).toBe('NL');
    expect(toCountryCode('South Korea')).toBe('KR');
    expect(toCountryCode('Turkey')).toBe('TR');
  });

  it('reads codes before names, so that a short name never shadows a code', () => {
    expect(toCountryCode('RU')).toBe('RU');
    expect(toCountryCode('AUT')).toBe('AT');
  });

  it('reads a state as Odoo, Sage and people export it', () => {
    expect(toSubdivisionCode('US', 'California (US)')).toBe('CA');
    expect(toSubdivisionCode('US', 'California (CA)')).toBe('CA');
    expect(toSubdivisionCode('US', 'CA - California')).toBe('CA');
    expect(toSubdivisionCode('US', 'US - California')).toBe('CA');
    expect(toSubdivisionCode('US', 'Nueva York (EE.UU.)')).toBe('NY');
    expect(toSubdivisionCode('US', 'Kalifornien')).toBe('CA');
    expect(toSubdivisionCode('CA', 'QC - Québec')).toBe('QC');
    expect(toSubdivisionCode('CA', 'Colombie-Britannique')).toBe('BC');
    expect(toSubdivisionCode('AU', 'Nouvelle-Galles du Sud')).toBe('NSW');
    expect(toSubdivisionCode('AU', 'NSW - New South Wales')).toBe('NSW');
    expect(toSubdivisionCode('JP', '東京都')).toBe('13');
    expect(toSubdivisionCode('JP', 'Tokyo-to')).toBe('13');
    expect(toSubdivisionCode('JP', 'Fukuoka')).toBe('40');
    expect(toSubdivisionCode('JP', 'Hukuoka')).toBe('40');
    expect(toSubdivisionCode('JP', 'Osaka Prefecture')).toBe('27');
    expect(toSubdivisionCode('JP', 'JP-13')).toBe('13');
  });

  it('does not guess when the parts of a state disagree or the brackets name another country', () => {
    expect(toSubdivisionCode('US', 'NY - California')).toBeUndefined();
    expect(toSubdivisionCode('US', 'Texas (MX)')).toBeUndefined();
    expect(toSubdivisionCode('US', 'Atlantis (US)')).toBeUndefined();
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
