import { describe, expect, it } from 'vitest';
import { CANONICAL_FIELDS, type MappedRow } from '../../../lambdas/core/fields.js';
import { createValueTranslator } from '../../../lambdas/core/mapping/translateValues.js';

const row = (values: Partial<MappedRow>): MappedRow => ({
  ...(Object.fromEntries(CANONICAL_FIELDS.map((field) => [field, undefined])) as MappedRow),
  ...values,
});

describe('createValueTranslator', () => {
  it('translates values with an entry, matched in any case and with the table’s keys trimmed', () => {
    const translate = createValueTranslator({
      payment_terms_code: { ' 30 days ': 'NET30', '60 DAYS': 'NET60' },
      address_type: { Rechnung: 'billing', Lieferung: 'shipping' },
      country: { Alemania: 'DE' },
    })!;
    const mapped = row({
      payment_terms_code: '30 Days',
      address_type: 'RECHNUNG',
      country: 'alemania',
      currency: 'EUR',
    });
    translate(mapped);
    expect(mapped).toMatchObject({
      payment_terms_code: 'NET30',
      address_type: 'billing',
      country: 'DE',
      currency: 'EUR',
    });
  });

  it('leaves a value without an entry, and an absent value, as they are', () => {
    const translate = createValueTranslator({ payment_terms_code: { '30 days': 'NET30' } })!;
    const mapped = row({ payment_terms_code: '90 days' });
    translate(mapped);
    expect(mapped.payment_terms_code).toBe('90 days');
    const empty = row({});
    translate(empty);
    expect(empty.payment_terms_code).toBeUndefined();
  });

  it('is no step at all for a tenant without tables', () => {
    expect(createValueTranslator({})).toBeUndefined();
  });
});
