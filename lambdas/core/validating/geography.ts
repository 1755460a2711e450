// The library without its 80 locales (700 KB in a bundle): English names are the ones files use.
import countries from 'i18n-iso-countries/index.js';
import english from 'i18n-iso-countries/langs/en.json' with { type: 'json' };
import { iso31662 } from 'iso-3166';
import { postcodeValidatorExistsForCountry } from 'postcode-validator';

countries.registerLocale(english);

/** Countries whose addresses need a subdivision (SPEC §1). */
export const STATE_REQUIRED_COUNTRIES: ReadonlySet<string> = new Set(['US', 'CA', 'AU', 'JP']);

const countryCache = new Map<string, string | undefined>();

/**
 * ISO 3166-1 alpha-2 code for a country given as alpha-2, alpha-3 or English name (any case), else `undefined`.
 *
 * @example
 * toCountryCode('usa') // 'US'
 * toCountryCode('United Kingdom') // 'GB'
 */
export const toCountryCode = (value: string): string | undefined => {
  if (countryCache.has(value)) return countryCache.get(value);
  const upper = value.toUpperCase();
  let code: string | undefined;
  if (upper.length === 2) code = countries.isValid(upper) ? upper : undefined;
  else if (upper.length === 3) code = countries.alpha3ToAlpha2(upper) ?? undefined;
  code ??= countries.getAlpha2Code(value, 'en') ?? undefined;
  countryCache.set(value, code);
  return code;
};

const normaliseName = (name: string): string =>
  name
    .normalize('NFD')
    .replace(/\p{Diacritic}/gu, '')
    .toLowerCase();

/** Per country: accepted spelling (code, full code or name, lower-cased) → the subdivision code without its country. */
const subdivisionsByCountry = new Map<string, Map<string, string>>();
for (const { code, name, parent } of iso31662) {
  const country = parent.slice(0, 2);
  if (!STATE_REQUIRED_COUNTRIES.has(country)) continue;
  let spellings = subdivisionsByCountry.get(country);
  if (!spellings) {
    spellings = new Map();
    subdivisionsByCountry.set(country, spellings);
  }
  const short = code.slice(country.length + 1);
  spellings.set(short.toLowerCase(), short);
  spellings.set(code.toLowerCase(), short);
  spellings.set(normaliseName(name), short);
}

/**
 * Subdivision code (e.g. `NY`, `ON`, `NSW`, `13`) for a state given as code, `US-NY` or name, for the countries
 * where it is checked; `undefined` when unknown there. Other countries keep their value as given.
 */
export const toSubdivisionCode = (country: string, value: string): string | undefined => {
  const spellings = subdivisionsByCountry.get(country);
  if (!spellings) return value;
  return spellings.get(value.toLowerCase()) ?? spellings.get(normaliseName(value));
};

/** Whether addresses in this country carry a postal code. */
export const usesPostalCode = (country: string): boolean => postcodeValidatorExistsForCountry(country);
