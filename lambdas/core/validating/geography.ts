// The library without its 80 locales (700 KB in a bundle): names in other languages come from the runtime's CLDR.
import countries from 'i18n-iso-countries/index.js';
import english from 'i18n-iso-countries/langs/en.json' with { type: 'json' };
import { postcodeValidatorExistsForCountry } from 'postcode-validator';
import { createCountryNames } from './countryNames.js';
import { foldText } from './foldText.js';
import { PREFECTURE_SUFFIXES, SUBDIVISION_NAMES } from './subdivisionNames.js';
import { SUBDIVISIONS } from './subdivisions.js';

countries.registerLocale(english);

/** Countries whose addresses need a subdivision (SPEC §1). */
export const STATE_REQUIRED_COUNTRIES: ReadonlySet<string> = new Set(['US', 'CA', 'AU', 'JP']);

const countryCache = new Map<string, string | undefined>();
let countryByName: ((name: string) => string | undefined) | undefined;

/**
 * ISO 3166-1 alpha-2 code for a country given as alpha-2, alpha-3, or name in any of the languages of
 * `COUNTRY_NAME_LOCALES` or a common variant (any case, accents and punctuation optional), else `undefined`.
 *
 * @example
 * toCountryCode('usa') // 'US'
 * toCountryCode('España') // 'ES'
 * toCountryCode('U.K.') // 'GB'
 */
export const toCountryCode = (value: string): string | undefined => {
  if (countryCache.has(value)) return countryCache.get(value);
  const upper = value.toUpperCase();
  let code: string | undefined;
  if (upper.length === 2) code = countries.isValid(upper) ? upper : undefined;
  else if (upper.length === 3) code = countries.alpha3ToAlpha2(upper) ?? undefined;
  if (code === undefined) {
    countryByName ??= createCountryNames(
      Object.keys(countries.getAlpha2Codes()),
      countries.getNames('en', { select: 'all' }),
    );
    code = countryByName(value);
  }
  countryCache.set(value, code);
  return code;
};

/** Per country: accepted spelling (code, full code or name, folded) → the subdivision code without its country. */
const subdivisionsByCountry = new Map<string, Map<string, string>>();
for (const [country, subdivisions] of Object.entries(SUBDIVISIONS)) {
  const spellings = new Map<string, string>();
  for (const [short, name] of Object.entries(subdivisions)) {
    // As written too, so that the usual value (`NY`) is found without folding it: this runs on every row.
    for (const exact of [short, `${country}-${short}`, name]) spellings.set(exact, short);
    spellings.set(foldText(short), short);
    spellings.set(foldText(`${country}-${short}`), short);
    spellings.set(foldText(name), short);
    for (const other of SUBDIVISION_NAMES[country]?.[short] ?? []) spellings.set(foldText(other), short);
  }
  subdivisionsByCountry.set(country, spellings);
}

/** A prefecture's name without the word for prefecture (`Tokyo-to`, `福岡県`). */
const withoutSuffix = (folded: string): string | undefined => {
  const suffix = PREFECTURE_SUFFIXES.find((word) => folded.endsWith(word) && folded.length > word.length);
  return suffix === undefined ? undefined : folded.slice(0, -suffix.length);
};

const lookUp = (spellings: Map<string, string>, value: string): string | undefined => {
  const exact = spellings.get(value);
  if (exact !== undefined) return exact;
  const folded = foldText(value);
  const found = spellings.get(folded);
  if (found !== undefined) return found;
  const bare = withoutSuffix(folded);
  return bare === undefined ? undefined : spellings.get(bare);
};

/** `California (US)`, `CA - California`, `California / CA`: the parts a value is split into when whole it is not known. */
const PARTS = /^(.+?)\s*\(([^()]+)\)$|^(.+?)\s+[-–/|]\s+(.+)$/u;

/**
 * Subdivision code (e.g. `NY`, `ON`, `NSW`, `13`) for a state given as code, `US-NY`, name (in the country's
 * languages and the main European ones, any case and accents), `Name (CC)` (with the country or the code in
 * brackets) or `XX - Name`, for the countries where it is checked; `undefined` when unknown there, or when the two
 * parts name two different states. Other countries keep their value as given.
 *
 * @example
 * toSubdivisionCode('US', 'California (US)') // 'CA'
 * toSubdivisionCode('CA', 'QC - Québec') // 'QC'
 * toSubdivisionCode('FR', 'Île-de-France') // 'Île-de-France'
 */
export const toSubdivisionCode = (country: string, value: string): string | undefined => {
  const spellings = subdivisionsByCountry.get(country);
  if (!spellings) return value;
  const whole = lookUp(spellings, value);
  if (whole !== undefined) return whole;
  const parts = PARTS.exec(value);
  if (!parts) return undefined;
  const [first, second] = parts[1] === undefined ? [parts[3]!, parts[4]!] : [parts[1], parts[2]!];
  const a = lookUp(spellings, first);
  const b = lookUp(spellings, second);
  // The country in brackets (`California (US)`), or both parts the same state.
  if (a !== undefined && (b === undefined || b === a)) {
    return b === a || toCountryCode(second) === country ? a : undefined;
  }
  if (b !== undefined && a === undefined) return toCountryCode(first) === country ? b : undefined;
  return undefined;
};

/** Whether addresses in this country carry a postal code. */
export const usesPostalCode = (country: string): boolean => postcodeValidatorExistsForCountry(country);
