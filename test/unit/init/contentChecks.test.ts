import { describe, expect, it } from 'vitest';
import { checkContent } from '../../../tools/init/contentChecks.js';
import { placeColumns } from '../../../tools/init/placeColumns.js';
import { rowCountries } from '../../../tools/init/rowCountries.js';

describe('checkContent against the rows’ countries', () => {
  it('finds postal codes valid in their own rows’ countries, whatever the country', () => {
    const verdict = checkContent(
      'postal_code',
      ['SW3 4RP', '10012', '1100-053', '150-0001'],
      ['GB', 'US', 'PT', 'JP'],
    );
    expect(verdict).toMatchObject({ verdict: 'fits', strong: true });
    expect(verdict.note).toBe("4 of 4 values are postal codes of their rows' countries");
  });

  it('finds states among their country’s ISO 3166-2 subdivisions, by code or name', () => {
    expect(checkContent('state', ['NY', 'Ontario', 'Lombardia'], ['US', 'CA', 'IT'])).toMatchObject({
      verdict: 'fits',
      strong: true,
    });
  });

  it('says a column repeating its rows’ own countries is no state column', () => {
    expect(checkContent('state', ['DE', 'AT', 'CH'], ['DE', 'AT', 'CH'])).toMatchObject({
      verdict: 'contradicts',
    });
  });

  it('takes the column named country for the rows’ countries, not a column of initials that look like countries', () => {
    const records = [
      ['JP', 'US', '10012'],
      ['MK', 'US', '90069'],
    ];
    expect(rowCountries(records, 3, [1])[2]).toEqual(['US', 'US']);
  });
});

describe('placeColumns with the rows’ countries', () => {
  const header = [
    'Contact Number',
    'Display Name',
    'Currency Code',
    'Price List',
    'Billing Address',
    'Billing City',
    'Billing Code',
    'Billing Country',
    'Shipping Code',
  ];
  const rows = [
    ['C1', 'Bloom & Co', 'USD', 'Wholesale', '120 Mercer St', 'New York', '10012', 'US', '07094'],
    ['C2', 'Sunset LLC', 'USD', 'Wholesale', '8420 Melrose Ave', 'Los Angeles', '90069', 'US', '90021'],
    ['C3', 'Maple Lane', 'CAD', 'Wholesale', '77 Queen St W', 'Toronto', 'M5H 2N2', 'CA', 'H2X 1A1'],
  ];
  const values = header.map((_, column) => rows.map((r) => r[column]!));
  const plan = placeColumns(header, values, rows);
  const target = (column: string) => plan.placements.find((p) => p.header === column)?.target;

  it('reads "Billing Code" full of postal codes as the billing postal code, its group from the name', () => {
    expect(target('Billing Code')).toBe('billing_postal_code');
  });

  it('does not take a column of postal codes named "Shipping Code" for a shipping method', () => {
    expect(target('Shipping Code')).toBe('shipping_postal_code');
  });
});

describe('placeColumns on an export in words no vocabulary has (Finnish)', () => {
  const header = [
    'Asiakasnumero',
    'Nimi',
    'Katuosoite',
    'Postinumero',
    'Kaupunki',
    'Maa',
    'Valuutta',
    'Hinnasto',
  ];
  const rows = [
    ['A100', 'Muoti Oy', 'Aleksanterinkatu 15', '00100', 'Helsinki', 'FI', 'EUR', 'Tukku'],
    ['A101', 'Vaate Ab', 'Hämeenkatu 20', '33200', 'Tampere', 'FI', 'EUR', 'Tukku'],
    ['A102', 'Tyyli Ky', 'Kauppakatu 3', '40100', 'Jyväskylä', 'FI', 'EUR', 'Vähittäis'],
  ];
  const values = header.map((_, column) => rows.map((r) => r[column]!));
  const plan = placeColumns(header, values, rows);

  it('places by content alone what content alone is sure of: countries, currencies, postal codes', () => {
    const placed = Object.fromEntries(plan.placements.map((p) => [p.target, p.header]));
    expect(placed).toMatchObject({ country: 'Maa', currency: 'Valuutta', postal_code: 'Postinumero' });
  });

  it('points a person to the columns whose content could be a required field it cannot name', () => {
    const street = plan.undecided.find((u) => u.point === 'address_1');
    expect(street?.message).toMatch(/by content it could be "Katuosoite" \(3 of 3 values are street lines/);
  });
});

describe('placeColumns finds the customer code by content when no name says so', () => {
  const header = ['Kundekode', 'Navnet', 'Valuutta'];
  const plan = (codes: string[]) =>
    placeColumns(
      header,
      [codes, codes.map((c) => `Shop ${c}`), codes.map(() => 'EUR')],
      codes.map((c) => [c, `Shop ${c}`, 'EUR']),
    );

  it('takes the leftmost column of codes, each customer’s rows together, at the lowest sure confidence', () => {
    const code = plan(['K1', 'K1', 'K2', 'K3', 'K3']).placements.find((p) => p.target === 'customer_code');
    expect(code).toMatchObject({ header: 'Kundekode', confidence: 0.5 });
  });

  it('does not take a column whose codes come back after others (not one customer per code)', () => {
    const result = plan(['K1', 'K2', 'K1', 'K3']);
    expect(result.placements.find((p) => p.target === 'customer_code')).toBeUndefined();
  });
});
