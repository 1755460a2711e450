import type { CanonicalField } from '../../lambdas/core/index.js';
import { toCountryCode } from '../../lambdas/core/validating/index.js';
import { addressTypeOf } from './addressTypeValues.js';

/** What a column's values say about a field: they fit it, they contradict it, or they say nothing either way. */
export interface ContentVerdict {
  verdict: 'fits' | 'contradicts' | 'neutral';
  /** "12 of 12 values are email addresses". */
  note: string;
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
/** A street line carries a number: the house's, the building's, the block's. */
const STREET_LINE = (v: string) => DIGIT.test(v) && LETTER.test(v);
/** Several words and no digit: a name, not a code. */
const NAME_LIKE = (v: string) => /\s/.test(v) && !DIGIT.test(v);

interface Test {
  /** What the values are when they pass, for the note: "email addresses". */
  what: string;
  passes: (value: string) => boolean;
  /** Whether a column that mostly fails contradicts the field (or only does not confirm it). */
  failing: 'contradicts' | 'neutral';
  /** What contradicts the field when most values are so, where failing the test alone does not. */
  contradictedBy?: { what: string; test: (value: string) => boolean };
}

const isEmail = (value: string) => EMAIL.test(value);

const TESTS: Partial<Record<CanonicalField, Test>> = {
  email: { what: 'email addresses', passes: isEmail, failing: 'contradicts' },
  sales_rep_email: { what: 'email addresses', passes: isEmail, failing: 'contradicts' },
  country: {
    what: 'countries (ISO code or English name)',
    passes: (v) => toCountryCode(v) !== undefined,
    failing: 'contradicts',
  },
  currency: {
    what: 'ISO 4217 currency codes',
    passes: (v) => CURRENCIES.has(v.toUpperCase()),
    failing: 'contradicts',
  },
  postal_code: { what: 'postal codes', passes: (v) => POSTAL_CODE.test(v), failing: 'contradicts' },
  phone: { what: 'phone numbers', passes: (v) => PHONE.test(v), failing: 'contradicts' },
  address_phone: { what: 'phone numbers', passes: (v) => PHONE.test(v), failing: 'contradicts' },
  address_type: {
    what: 'billing or shipping words',
    passes: (v) => addressTypeOf(v) !== undefined,
    failing: 'contradicts',
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
    contradictedBy: { what: 'street lines', test: (v) => STREET_LINE(v) && /\s/.test(v) },
  },
  address_1: {
    what: 'street lines (with a number)',
    passes: STREET_LINE,
    failing: 'neutral',
    contradictedBy: { what: 'without a letter', test: (v) => !LETTER.test(v) },
  },
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
 * columns hold codes or names; a postal code column looks like postal codes; and a column of email addresses is
 * no other field's.
 *
 * @example
 * checkContent('email', ['a@b.fr', 'c@d.it']) // { verdict: 'fits', note: '2 of 2 values are email addresses' }
 */
export const checkContent = (field: CanonicalField, values: readonly string[]): ContentVerdict => {
  if (values.length === 0) return { verdict: 'neutral', note: 'no values in the file to check' };
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
    return { verdict: 'fits', note: `${passing.length} of ${values.length} values are ${test.what}` };
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

/** Fields a column's content alone can name, without a known header: their values are unmistakable. */
export const CONTENT_ALONE: readonly CanonicalField[] = ['email', 'country', 'currency', 'address_type'];
