import { describe, expect, it } from 'vitest';
import { CANONICAL_FIELDS } from '../../../lambdas/core/index.js';
import { fitStandardTemplate } from '../../../tools/init/fitStandardTemplate.js';

/** A row of the standard address-rows template, in its column order. */
const row = (n: number, type: 'billing' | 'shipping'): string[] => {
  const value: Partial<Record<(typeof CANONICAL_FIELDS)[number], string>> = {
    customer_code: `C${n}`,
    customer_name: `Shop ${n}`,
    email: `shop${n}@example.com`,
    currency: 'EUR',
    price_label: 'Wholesale EUR',
    address_type: type,
    address_1: `${n} rue de Rivoli`,
    city: 'Paris',
    postal_code: '75001',
    country: 'FR',
  };
  return CANONICAL_FIELDS.map((field) => value[field] ?? '');
};

const columns = (rows: string[][]): string[][] =>
  rows[0]!.map((_, column) => rows.map((r) => r[column]!).filter((v) => v !== ''));

describe('fitStandardTemplate', () => {
  it('reads a file without a header row as the standard address-rows template when its content fits by position', () => {
    const plan = fitStandardTemplate(columns([row(1, 'billing'), row(1, 'shipping'), row(2, 'billing')]));
    expect(plan?.layout).toBe('address-rows');
    expect(plan?.standardTemplate).toBe(true);
    expect(plan?.placements.map((p) => p.target)).toEqual([...CANONICAL_FIELDS]);
    const currency = plan?.placements.find((p) => p.target === 'currency');
    expect(currency).toMatchObject({ column: 4, confidence: 1 });
    expect(currency?.why[0]).toBe('position 5 of the standard address-rows template');
  });

  it('takes no template when a column contradicts its position (the currency column holds names)', () => {
    const rows = [row(1, 'billing'), row(2, 'billing')].map((r) =>
      r.map((v, i) => (i === 4 ? `Shop ${v}` : v)),
    );
    expect(fitStandardTemplate(columns(rows))).toBeUndefined();
  });

  it('takes no template when the file has another number of columns', () => {
    expect(fitStandardTemplate(columns([row(1, 'billing').slice(0, 20)]))).toBeUndefined();
  });
});
