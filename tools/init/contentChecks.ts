import { iso31662 } from 'iso-3166';
import { postcodeValidator, postcodeValidatorExistsForCountry } from 'postcode-validator';
import type { CanonicalField } from '../../lambdas/core/index.js';
import { foldText, toCountryCode } from '../../lambdas/core/validating/index.js';
import { addressTypeOf } from './addressTypeValues.js';

/** What a column's values say about a field: they fit it, they contradict it, or they say nothing either way. */
export interface ContentVerdict {
  verdict: 'fits' | 'contradicts' | 'neutral';
  /** "12 of 12 values are email addresses". */
  note: string;
  /** The values are unmistakably the field's (emails, countries, postal codes valid in their rows' countries…). */
  strong?: boolean;
}

/** A column fits a field when this share of its values look as the field's do, and contradicts it at or below the other. */
const FITS_SHARE = 0.8;
const CONTRADICTS_SHARE = 0.2;

const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;
const POSTAL_CODE = /^(?=.*\d)[A-Z0-9][A-Z0-9 -]{1,9}$/i;
const PHONE = /^[+(\d][\d\s()./-]{4,}$/;
const DIGIT = /\d/;
const ONLY_DIGITS = /^\d+$/;
const CURRENCIES: ReadonlySet<string> = new Set(Intl.supportedValuesOf('currency'));
const LETTER = /\p{L}/u;
/**
 * A VAT number as Europe and its neighbours write it: the country's prefix (Greece's EL, Switzerland's CHE, Norway's
 * trailing MVA aside) and 8 to 12 digits or letters, spaces, dots and hyphens allowed.
 */
const VAT_NUMBER =
  /^(AT|BE|BG|CY|CZ|DE|DK|EE|EL|ES|FI|FR|GB|HR|HU|IE|IT|LT|LU|LV|MT|NL|NO|PL|PT|RO|SE|SI|SK|XI|CHE)[\s.-]?[0-9A-Z][0-9A-Z\s.-]{6,16}$/i;
/** A code: one run of letters, digits and separators, with a digit in it (C10045, 10045, K-1001, NORTH01). */
const CODE = /^(?=.*\d)[\p{L}\p{N}][\p{L}\p{N}._/-]{0,49}$/u;
/** A street line is words with a number: the house's, the building's, the block's (a code is one word). */
const STREET_LINE = (v: string) => DIGIT.test(v) && LETTER.test(v) && /\S\s+\S/.test(v);
/** Several words and no digit: a name, not a code. */
const NAME_LIKE = (v: string) => /\s/.test(v) && !DIGIT.test(v);

interface Test {
  /** What the values are when they pass, for the note: "email addresses". */
  what: string;
  /** Values that pass are unmistakably the field's: a column of them is the field's whatever its name. */
  strong?: boolean;
  passes: (value: string) => boolean;
  /** Whether a column that mostly fails contradicts the field (or only does not confirm it). */
  failing: 'contradicts' | 'neutral';
  /** What contradicts the field when most values are so, where failing the test alone does not. */
  contradictedBy?: { what: string; test: (value: string) => boolean };
}

const isEmail = (value: string) => EMAIL.test(value);

const TESTS: Partial<Record<CanonicalField, Test>> = {
  email: { what: 'email addresses', passes: isEmail, failing: 'contradicts', strong: true },
  sales_rep_email: { what: 'email addresses', passes: isEmail, failing: 'contradicts' },
  country: {
    what: 'countries (ISO code or name)',
    passes: (v) => toCountryCode(v) !== undefined,
    failing: 'contradicts',
    strong: true,
  },
  currency: {
    what: 'ISO 4217 currency codes',
    passes: (v) => CURRENCIES.has(v.toUpperCase()),
    failing: 'contradicts',
    strong: true,
  },
  postal_code: { what: 'postal codes', passes: (v) => POSTAL_CODE.test(v), failing: 'contradicts' },
  phone: { what: 'phone numbers', passes: (v) => PHONE.test(v), failing: 'contradicts' },
  address_phone: { what: 'phone numbers', passes: (v) => PHONE.test(v), failing: 'contradicts' },
  address_type: {
    what: 'billing or shipping words',
    passes: (v) => addressTypeOf(v) !== undefined,
    failing: 'contradicts',
    strong: true,
  },
  state: {
    what: 'state or region names or codes',
    passes: (v) => !DIGIT.test(v) || /^\d{1,3}$/.test(v),
    failing: 'contradicts',
  },
  city: { what: 'place names', passes: (v) => !ONLY_DIGITS.test(v) && !isEmail(v), failing: 'contradicts' },
  customer_name: {
    what: 'names',
    passes: (v) => !ONLY_DIGITS.test(v) && !isEmail(v),
    failing: 'contradicts',
  },
  tax_id: {
    what: 'VAT numbers',
    strong: true,
    passes: (v) => VAT_NUMBER.test(v),
    failing: 'neutral',
    contradictedBy: { what: 'without a digit', test: (v) => !DIGIT.test(v) },
  },
  customer_code: {
    what: 'codes (one word with a digit)',
    passes: (v) => CODE.test(v),
    failing: 'neutral',
    contradictedBy: { what: 'names (words without a digit)', test: NAME_LIKE },
  },
  address_code: {
    what: 'codes (one word with a digit)',
    passes: (v) => CODE.test(v),
    failing: 'neutral',
    contradictedBy: { what: 'street lines', test: STREET_LINE },
  },
  address_1: {
    what: 'street lines (with a number)',
    passes: STREET_LINE,
    failing: 'neutral',
    contradictedBy: { what: 'without a letter', test: (v) => !LETTER.test(v) },
  },
};

/** Per country, its subdivisions' codes (without the country) and names, folded: ISO 3166-2, every country. */
const SUBDIVISIONS = new Map<string, Set<string>>();
for (const { code, name, parent } of iso31662) {
  const known = SUBDIVISIONS.get(parent) ?? new Set<string>();
  known.add(foldText(code.slice(parent.length + 1)));
  for (const part of name.split(/\s*,\s*/)) known.add(foldText(part));
  SUBDIVISIONS.set(parent, known);
}

const isPostalCodeOf = (value: string, country: string): boolean => {
  try {
    return postcodeValidator(value, country);
  } catch {
    return false;
  }
};

/** A row-aware test: the value and its row's country. */
interface CountryTest {
  what: string;
  /** Whether the value can be judged in this country; undefined: it cannot. */
  passes: (value: string, country: string) => boolean | undefined;
  /** What no value of the field is: a state column does not repeat its row's country. */
  against?: { what: string; test: (value: string, country: string) => boolean };
}

const COUNTRY_TESTS: Partial<Record<CanonicalField, CountryTest>> = {
  postal_code: {
    what: "postal codes of their rows' countries",
    passes: (v, c) => (postcodeValidatorExistsForCountry(c) ? isPostalCodeOf(v, c) : undefined),
  },
  state: {
    what: "subdivisions of their rows' countries (ISO 3166-2 code or name)",
    passes: (v, c) => {
      const known = SUBDIVISIONS.get(c);
      if (!known) return undefined;
      const folded = foldText(v);
      return known.has(folded) || known.has(foldText(v.replace(new RegExp(`^${c}-`, 'i'), '')));
    },
    against: { what: "their rows' own countries", test: (v, c) => toCountryCode(v) === c },
  },
};

/** Judged against the rows' countries: a fit, a contradiction, or undefined (too few rows judged, or too few passing). */
const checkByCountry = (
  test: CountryTest,
  values: readonly string[],
  countries: readonly (string | undefined)[],
): ContentVerdict | undefined => {
  const { against } = test;
  const contradicting = against
    ? values.filter((value, at) => countries[at] !== undefined && against.test(value, countries[at]!)).length
    : 0;
  if (against && contradicting >= values.length * FITS_SHARE)
    return {
      verdict: 'contradicts',
      note: `${contradicting} of ${values.length} values are ${against.what}`,
    };
  const judged = values.flatMap((value, at) => {
    const country = countries[at];
    const passes = country === undefined ? undefined : test.passes(value, country);
    return passes === undefined ? [] : [{ value, passes }];
  });
  if (judged.length < values.length * FITS_SHARE) return undefined;
  const passing = judged.filter((j) => j.passes).length;
  const share = passing / judged.length;
  // Only a fit is taken from the rows' countries: ISO 3166-2 lists some countries' regions and not their provinces
  // (Italy's MI, FI), and English names only; the field's plain test judges the rest.
  if (share < FITS_SHARE) return undefined;
  return { verdict: 'fits', note: `${passing} of ${judged.length} values are ${test.what}`, strong: true };
};

const sample = (values: readonly string[]): string =>
  [...new Set(values)]
    .slice(0, 3)
    .map((v) => `"${v}"`)
    .join(', ');

/** Fields whose column would never hold email addresses (all but the two email fields and notes). */
const NOT_EMAIL: (field: CanonicalField) => boolean = (field) =>
  field !== 'email' && field !== 'sales_rep_email' && field !== 'notes';

/**
 * What a column's non-empty values say about one field: an email column holds emails; country, currency and state
 * columns hold codes or names (a state one of its row's country's subdivisions, in any language ISO 3166-2 gives); a
 * postal code column holds postal codes valid in their rows' countries; street lines carry a number, codes are one
 * word with a digit, tax numbers are VAT numbers; and a column of email addresses is no other field's.
 *
 * @param countries each value's row's country, when the file has a country column (see rowCountries)
 *
 * @example
 * checkContent('email', ['a@b.fr', 'c@d.it']) // { verdict: 'fits', note: '2 of 2 values are email addresses' }
 */
export const checkContent = (
  field: CanonicalField,
  values: readonly string[],
  countries?: readonly (string | undefined)[],
): ContentVerdict => {
  if (values.length === 0) return { verdict: 'neutral', note: 'no values in the file to check' };
  const byCountry = COUNTRY_TESTS[field];
  const judged = byCountry && countries ? checkByCountry(byCountry, values, countries) : undefined;
  if (judged) return judged;
  const test = TESTS[field];
  if (!test) {
    const emails = values.filter(isEmail).length;
    if (NOT_EMAIL(field) && emails / values.length >= FITS_SHARE)
      return { verdict: 'contradicts', note: `${emails} of ${values.length} values are email addresses` };
    return { verdict: 'neutral', note: 'nothing in its values to check' };
  }
  const passing = values.filter(test.passes);
  const share = passing.length / values.length;
  if (share >= FITS_SHARE)
    return {
      verdict: 'fits',
      note: `${passing.length} of ${values.length} values are ${test.what}`,
      ...(test.strong ? { strong: true } : {}),
    };
  const failing = values.filter((v) => !test.passes(v));
  const note = `${passing.length} of ${values.length} values are ${test.what} (not: ${sample(failing)})`;
  const against = test.contradictedBy;
  const contradicting = against ? values.filter(against.test).length : 0;
  if (against && contradicting / values.length >= FITS_SHARE)
    return {
      verdict: 'contradicts',
      note: `${contradicting} of ${values.length} values are ${against.what} (${sample(values)})`,
    };
  if (share <= CONTRADICTS_SHARE && test.failing === 'contradicts') return { verdict: 'contradicts', note };
  return { verdict: 'neutral', note };
};

/**
 * Fields a column's content alone can name, without a known header, when their values are unmistakable (the verdict
 * is `strong`): emails, countries, currencies, billing/shipping words, VAT numbers, postal codes valid in their rows'
 * countries.
 */
export const CONTENT_ALONE: readonly CanonicalField[] = [
  'email',
  'country',
  'currency',
  'address_type',
  'tax_id',
  'postal_code',
];
