import { describe, expect, it } from 'vitest';
import { placeColumns } from '../../../tools/init/placeColumns.js';

/** The placement plan for a header and rows, the columns' values taken from the rows. */
const plan = (header: string[] | undefined, rows: string[][]) =>
  placeColumns(
    header,
    (header ?? rows[0]!).map((_, column) => rows.map((row) => row[column]!).filter((v) => v !== '')),
  );

const columnOf = (result: ReturnType<typeof plan>, target: string) =>
  result.placements.find((p) => p.target === target)?.header;

const BASE = ['Customer No', 'Name', 'Currency', 'Price List', 'Address', 'City'];
const base = (n: number) => [`C${n}`, `Shop ${n}`, 'EUR', 'WHOLESALE', `${n} Main St`, 'Paris'];

describe('placeColumns', () => {
  it('lets the content decide between two columns whose names both fit', () => {
    const result = plan(
      [...BASE, 'Country', 'Pays'],
      [1, 2, 3].map((n) => [...base(n), '033', 'FR']),
    );
    expect(columnOf(result, 'country')).toBe('Pays');
    const country = result.placements.find((p) => p.target === 'country')!;
    expect(country.why.join(' ')).toMatch(/3 of 3 values are countries/);
    expect(result.unmapped).toContainEqual(expect.objectContaining({ header: 'Country' }));
  });

  it('says so when nothing decides between two columns, and places neither', () => {
    const result = plan(
      [...BASE.filter((h) => h !== 'Price List'), 'Preisliste', 'Preisgruppe', 'Land', 'Type'],
      [1, 2].map((n) => [...base(n).filter((v) => v !== 'WHOLESALE'), 'GH', 'GH', 'DE', 'B']),
    );
    expect(columnOf(result, 'price_label')).toBeUndefined();
    expect(result.undecided).toContainEqual({
      point: 'price_label',
      message: expect.stringMatching(
        /^"Preisliste" and "Preisgruppe" could each be price_label .*nothing in their content decides/,
      ),
    });
  });

  it('finds an email column by its content when its header is no known name', () => {
    const result = plan(
      ['Kto', 'Name', 'Kontakt'],
      [
        ['1', 'A', 'a@shop.example'],
        ['2', 'B', 'b@shop.example'],
      ],
    );
    const email = result.placements.find((p) => p.target === 'email')!;
    expect(email.header).toBe('Kontakt');
    expect(email.why[0]).toMatch(/^content alone/);
  });

  it('leaves a column whose content contradicts its name to a person, naming it and why', () => {
    const result = plan([...BASE, 'Country', 'Type'], [[...base(1), '12', 'B']]);
    expect(columnOf(result, 'country')).toBeUndefined();
    expect(result.undecided).toContainEqual({
      point: 'country',
      message: expect.stringMatching(
        /"Country" could be country, none surely \(confidence 0\.4: .*0 of 1 values are countries/,
      ),
    });
  });

  it('gives each placement its confidence: a name its content confirms is sure, a name in part less so', () => {
    const result = plan(
      ['Customer No', 'Name', 'Currency', 'Price List (EUR)', 'Address', 'City'],
      [base(1), base(2)],
    );
    const confidence = (target: string) => result.placements.find((p) => p.target === target)?.confidence;
    expect(confidence('currency')).toBe(1);
    expect(confidence('price_label')).toBeLessThan(1);
    expect(confidence('price_label')).toBeGreaterThanOrEqual(0.5);
  });

  it('reads a file with billing and shipping column groups as wide', () => {
    const result = plan(
      [
        'ID',
        'Company Name',
        'Currency',
        'Price Level',
        'Billing Address 1',
        'Billing City',
        'Billing Country',
        'Shipping City',
        'Shipping Country',
      ],
      [['1', 'A', 'USD', 'W', '1 Main', 'NYC', 'US', 'Secaucus', 'US']],
    );
    expect(result.layout).toBe('wide');
    expect(result.placements.map((p) => p.target)).toEqual([
      'customer_code',
      'customer_name',
      'currency',
      'price_label',
      'billing_address_1',
      'billing_city',
      'billing_country',
      'shipping_city',
      'shipping_country',
    ]);
    expect(result.undecided).toEqual([]);
  });

  it('reads a file with neither a type column nor groups as one address per customer', () => {
    const result = plan([...BASE, 'Country'], [[...base(1), 'FR']]);
    expect(result.layout).toBe('single');
    expect(result.undecided).toEqual([]);
  });

  it('names every required column no column holds', () => {
    const result = plan(['Customer No', 'Name'], [['1', 'A']]);
    expect(result.undecided.map((u) => u.point)).toEqual([
      'currency',
      'price_label',
      'address_1',
      'city',
      'country',
    ]);
  });
});
