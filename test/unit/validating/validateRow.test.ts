import { describe, expect, it } from 'vitest';
import type { CanonicalField, MappedRow } from '../../../lambdas/core/fields.js';
import { CANONICAL_FIELDS } from '../../../lambdas/core/fields.js';
import { indexReferenceData } from '../../../lambdas/core/validating/checkReferenceData.js';
import { createRowValidator } from '../../../lambdas/core/validating/validateRow.js';

const mapped = (changes: Partial<Record<CanonicalField, string | undefined>> = {}): MappedRow => ({
  ...(Object.fromEntries(CANONICAL_FIELDS.map((f) => [f, undefined])) as MappedRow),
  customer_code: 'C1',
  customer_name: 'Bloom',
  currency: 'usd',
  price_label: 'Wholesale USD',
  address_type: 'B',
  address_1: '1 Main St',
  city: 'New York',
  state: 'new york',
  postal_code: '10012',
  country: 'usa',
  ...changes,
});

const validate = (row: MappedRow, reference = indexReferenceData(undefined)) =>
  createRowValidator(reference)(row);
const problemsOf = (row: MappedRow, reference = indexReferenceData(undefined)) => {
  const result = validate(row, reference);
  return result.ok ? [] : result.problems.map(({ field, code }) => `${field}:${code}`);
};

describe('createRowValidator', () => {
  it('normalises currency, address type, country and state', () => {
    const result = validate(mapped());
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    expect(result.row.customer.currency).toBe('USD');
    expect(result.row.address).toMatchObject({ address_type: 'billing', country: 'US', state: 'NY' });
  });

  it('accepts S, shipping and any case for the address type', () => {
    for (const word of ['S', 's', 'Shipping', 'SHIPPING']) {
      const result = validate(mapped({ address_type: word }));
      expect(result.ok && result.row.address.address_type).toBe('shipping');
    }
  });

  it('reports every problem of a row, each with its field and a stable code', () => {
    expect(
      problemsOf(
        mapped({
          customer_name: undefined,
          currency: 'XXY',
          email: 'nope',
          address_type: 'home',
          city: 'x'.repeat(61),
          country: 'Atlantis',
        }),
      ),
    ).toEqual([
      'customer_name:required',
      'email:invalid_email',
      'currency:invalid_currency',
      'address_type:invalid_address_type',
      'city:too_long',
      'country:invalid_country',
    ]);
  });

  it('requires a valid state in US, CA, AU and JP, and a postal code where the country uses one', () => {
    expect(problemsOf(mapped({ state: undefined }))).toEqual(['state:required']);
    expect(problemsOf(mapped({ state: 'Ontario' }))).toEqual(['state:invalid_state']);
    expect(problemsOf(mapped({ country: 'JP', state: 'Tokyo', postal_code: '150-0001' }))).toEqual([]);
    expect(problemsOf(mapped({ postal_code: undefined }))).toEqual(['postal_code:required']);
    expect(problemsOf(mapped({ country: 'HK', state: undefined, postal_code: undefined }))).toEqual([]);
    expect(problemsOf(mapped({ country: 'FR', state: 'Île-de-France', postal_code: '75009' }))).toEqual([]);
  });

  it('checks codes against the reference data when the tenant has it', () => {
    const reference = indexReferenceData({
      priceTypes: [{ currency: 'USD', label: 'Wholesale USD' }],
      paymentTerms: ['NET30'],
      salesReps: [{ code: 'REP01', email: 'anna@brand.example' }],
    });
    expect(problemsOf(mapped(), reference)).toEqual([]);
    expect(
      problemsOf(
        mapped({
          price_label: 'Retail',
          payment_terms_code: 'NET90',
          sales_rep_code: 'REP01',
          sales_rep_email: 'bob@brand.example',
        }),
        reference,
      ),
    ).toEqual([
      'price_label:unknown_price_type',
      'payment_terms_code:unknown_code',
      'sales_rep_email:sales_rep_email_mismatch',
    ]);
    // Lists the tenant did not give are not checked.
    expect(problemsOf(mapped({ warehouse_code: 'ANY' }), reference)).toEqual([]);
  });

  it('keeps the value read in each problem', () => {
    const result = validate(mapped({ country: 'Atlantis' }));
    expect(result.ok ? undefined : result.problems[0]).toEqual({
      field: 'country',
      value: 'Atlantis',
      code: 'invalid_country',
      message: 'is not a country (ISO 3166 code, or name in English or a language of JOOR’s markets)',
    });
  });

  it('gives adjacent rows of one customer the same problems of the customer part', () => {
    const validateRow = createRowValidator(indexReferenceData(undefined));
    const first = validateRow(mapped({ currency: 'ZZZ' }));
    const second = validateRow(mapped({ currency: 'ZZZ', address_type: 'S' }));
    expect(first.ok || first.problems.map((p) => p.code)).toEqual(['invalid_currency']);
    expect(second.ok || second.problems.map((p) => p.code)).toEqual(['invalid_currency']);
  });
});

describe('lengths count characters as JOOR does (code points)', () => {
  it('takes 60 emoji in a 100-character name, where JavaScript counts 120 code units', () => {
    const name = '🌸'.repeat(60);
    expect(name.length).toBe(120);
    expect(problemsOf(mapped({ customer_name: name }))).toEqual([]);
  });

  it('refuses 101 characters as too long, whatever they are', () => {
    expect(problemsOf(mapped({ customer_name: '🌸'.repeat(101) }))).toEqual(['customer_name:too_long']);
    expect(problemsOf(mapped({ customer_name: 'a'.repeat(101) }))).toEqual(['customer_name:too_long']);
  });
});

describe('currencies as written, and strict value tables', () => {
  it('reads a currency symbol or name by the row’s country, before comparing a customer’s rows', () => {
    const validateRow = createRowValidator(indexReferenceData(undefined));
    const euro = validateRow(mapped({ currency: '€', country: 'Deutschland', state: undefined }));
    expect(euro.ok && euro.row.customer.currency).toBe('EUR');
    const canadian = validateRow(mapped({ currency: '$', country: 'CA', state: 'ON' }));
    expect(canadian.ok && canadian.row.customer.currency).toBe('CAD');
    expect(problemsOf(mapped({ currency: '$', country: 'FR', state: undefined }))).toEqual([
      'currency:invalid_currency',
    ]);
  });

  it('rejects a strict field’s value that its table does not know, naming the value and the table', () => {
    const reference = indexReferenceData(
      { paymentTerms: ['NET30'] },
      { valueMaps: { payment_terms_code: { '30 days': 'NET30' } }, strictValues: ['payment_terms_code'] },
    );
    // The mapper has translated `30 days` already: JOOR's value passes, and so does one the ERP writes as JOOR does.
    expect(problemsOf(mapped({ payment_terms_code: 'NET30' }), reference)).toEqual([]);
    const result = validate(mapped({ payment_terms_code: '45 days' }), reference);
    // Only the unmapped value is said for the field, not also `unknown_code`.
    expect(result.ok ? [] : result.problems).toEqual([
      {
        field: 'payment_terms_code',
        value: '45 days',
        code: 'unmapped_value',
        message:
          "has no entry in the tenant's valueMaps.payment_terms_code table (payment_terms_code is in strictValues)",
      },
    ]);
  });

  it('passes a value without an entry as it is where the field is not strict', () => {
    const reference = indexReferenceData(undefined, {
      valueMaps: { payment_terms_code: { '30 days': 'NET30' } },
      strictValues: [],
    });
    const result = validate(mapped({ payment_terms_code: '45 days' }), reference);
    expect(result.ok && result.row.customer.payment_terms_code).toBe('45 days');
  });
});
