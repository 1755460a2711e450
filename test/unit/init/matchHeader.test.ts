import { describe, expect, it } from 'vitest';
import { matchHeader } from '../../../tools/init/matchHeader.js';

const best = (header: string) => {
  const [match] = matchHeader(header);
  return match && { field: match.field, group: match.group, source: match.source };
};

describe('matchHeader', () => {
  it.each([
    ['Kundennummer', 'customer_code', 'German'],
    ['KUNNR', 'customer_code', 'SAP'],
    ['Code client', 'customer_code', 'French'],
    ['Codice cliente', 'customer_code', 'Italian'],
    ['Código de cliente', 'customer_code', 'Spanish'],
    ['Raison sociale', 'customer_name', 'French'],
    ['Razón social', 'customer_name', 'Spanish'],
    ['Währung', 'currency', 'German'],
    ['Price Level', 'price_label', 'English'],
    ['Customer Price Group', 'price_label', 'Business Central'],
    ['Customer Payment Terms', 'payment_terms_code', 'Odoo'],
    ['Payment Terms Code', 'payment_terms_code', 'English'],
    ['Salesperson Code', 'sales_rep_code', 'Business Central'],
    ['Account Reference', 'customer_code', 'Sage'],
    ['Partnerrolle', 'address_type', 'German'],
    ["Type d'adresse", 'address_type', 'French'],
    ['Partita IVA', 'tax_id', 'Italian'],
    ['PLZ', 'postal_code', 'German'],
    ['Country/Region Code', 'country', 'English'],
  ])('reads "%s" as %s (%s)', (header, field, source) => {
    expect(best(header)).toMatchObject({ field, source, group: undefined });
  });

  it('forgives case, punctuation, accents and camel case', () => {
    for (const header of [
      'customer_code',
      'CUSTOMER-CODE',
      'Customer Code.',
      'customerCode',
      ' Customer  Code ',
    ])
      expect(best(header)?.field).toBe('customer_code');
    expect(best('CODIGO POSTAL')?.field).toBe('postal_code');
    expect(best('Localita')?.field).toBe('city');
  });

  it('reads the words in another order, a little less surely', () => {
    const [match] = matchHeader('Code Customer');
    expect(match).toMatchObject({ field: 'customer_code' });
    expect(match!.score).toBeLessThan(1);
  });

  it('finds billing and shipping column groups in each language, German compounds included', () => {
    expect(best('Billing Zip')).toMatchObject({ field: 'postal_code', group: 'billing' });
    expect(best('Shipping State/Province')).toMatchObject({ field: 'state', group: 'shipping' });
    expect(best('Ville de livraison')).toMatchObject({ field: 'city', group: 'shipping' });
    expect(best('CAP fatturazione')).toMatchObject({ field: 'postal_code', group: 'billing' });
    expect(best('Lieferort')).toMatchObject({ field: 'city', group: 'shipping' });
    expect(best('Rechnungsadresse PLZ')).toMatchObject({ field: 'postal_code', group: 'billing' });
    expect(best('Dirección de envío')).toMatchObject({ field: 'address_1', group: 'shipping' });
  });

  it('prefers a whole known name to a group reading of it ("Ship Via" is a shipping method)', () => {
    expect(best('Ship Via')).toMatchObject({ field: 'shipping_method_code', group: undefined });
    expect(best('Lieferbedingung')).toMatchObject({ field: 'shipping_method_code', group: undefined });
  });

  it('knows no name for what no vocabulary has', () => {
    expect(matchHeader('Erstellt am')).toEqual([]);
    expect(matchHeader('Balance (LCY)')).toEqual([]);
  });
});
