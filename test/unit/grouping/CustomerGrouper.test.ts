import { describe, expect, it } from 'vitest';
import { CANONICAL_FIELDS, type CanonicalField, type MappedRow } from '../../../lambdas/core/fields.js';
import { CustomerGrouper } from '../../../lambdas/core/grouping/CustomerGrouper.js';
import { indexReferenceData } from '../../../lambdas/core/validating/checkReferenceData.js';
import { createRowValidator } from '../../../lambdas/core/validating/validateRow.js';

const validRow = (changes: Partial<Record<CanonicalField, string>> = {}) => {
  const mapped = {
    ...(Object.fromEntries(CANONICAL_FIELDS.map((f) => [f, undefined])) as MappedRow),
    customer_code: 'C1',
    customer_name: 'Bloom',
    currency: 'USD',
    price_label: 'Wholesale',
    address_type: 'billing',
    address_1: '1 Main St',
    city: 'Paris',
    postal_code: '75001',
    country: 'FR',
    ...changes,
  };
  const result = createRowValidator(indexReferenceData(undefined))(mapped);
  if (!result.ok) throw new Error(JSON.stringify(result.problems));
  return result.row;
};

const group = (rows: [number, ReturnType<typeof validRow>][], firstTexts?: Map<number, string>) => {
  const grouper = new CustomerGrouper();
  for (const [line, row] of rows) grouper.addValid(line, row);
  const keys =
    firstTexts ??
    new Map(grouper.conflictLines().map((line) => [line, rows.find(([l]) => l === line)![1].customerText]));
  return grouper.finish(keys);
};

describe('CustomerGrouper', () => {
  it('groups rows that are not adjacent into one customer', () => {
    const result = group([
      [2, validRow({ customer_code: 'C1' })],
      [3, validRow({ customer_code: 'C2' })],
      [4, validRow({ customer_code: 'C1', address_type: 'shipping', address_code: 'A' })],
    ]);
    expect(result.customers).toBe(2);
    expect([...result.contentHashes().keys()]).toEqual(['C1', 'C2']);
    expect(result.rejected).toEqual([]);
    expect(result.rejectedRows).toBe(0);
  });

  it('hashes content independently of row order', () => {
    const billing = validRow();
    const shipA = validRow({ address_type: 'shipping', address_code: 'A', city: 'Lyon' });
    const shipB = validRow({ address_type: 'shipping', address_code: 'B', city: 'Nice' });
    const one = group([
      [2, billing],
      [3, shipA],
      [4, shipB],
    ])
      .contentHashes()
      .get('C1');
    const other = group([
      [2, shipB],
      [3, billing],
      [4, shipA],
    ])
      .contentHashes()
      .get('C1');
    expect(one).toBe(other);
    const changed = group([
      [2, billing],
      [3, shipA],
      [4, validRow({ address_type: 'shipping', address_code: 'B', city: 'Nîmes' })],
    ]);
    expect(changed.contentHashes().get('C1')).not.toBe(one);
    const renamed = group([
      [2, validRow({ customer_name: 'Bloom Paris' })],
      [
        3,
        validRow({ customer_name: 'Bloom Paris', address_type: 'shipping', address_code: 'A', city: 'Lyon' }),
      ],
      [
        4,
        validRow({ customer_name: 'Bloom Paris', address_type: 'shipping', address_code: 'B', city: 'Nice' }),
      ],
    ]);
    expect(renamed.contentHashes().get('C1')).not.toBe(one);
  });

  it('hashes an address kept as billing differently from the same address kept as shipping', () => {
    const paris = { address_1: '1 Rue de Rivoli', city: 'Paris' };
    const lyon = { address_1: '2 Quai Saint-Antoine', city: 'Lyon' };
    const hashOf = (billing: typeof paris, shipping: typeof paris) =>
      group([
        [2, validRow({ ...billing })],
        [3, validRow({ ...shipping, address_type: 'shipping' })],
      ])
        .contentHashes()
        .get('C1');
    expect(hashOf(paris, lyon)).not.toBe(hashOf(lyon, paris));
  });

  it('rejects a customer without a billing address, listing all its rows', () => {
    const result = group([
      [2, validRow({ address_type: 'shipping', address_code: 'A' })],
      [5, validRow({ address_type: 'shipping', address_code: 'B' })],
    ]);
    expect(result.rejected.map(({ line, code }) => [line, code])).toEqual([
      [2, 'missing_billing'],
      [5, 'customer_rejected'],
    ]);
    expect(result.rejectedRows).toBe(2);
    expect(result.validCustomers).toBe(0);
  });

  it('rejects a second billing address and a shipping address code used twice, naming the first line', () => {
    const result = group([
      [2, validRow()],
      [3, validRow({ address_1: '2 Other St' })],
      [4, validRow({ address_type: 'shipping' })],
      [6, validRow({ address_type: 'shipping', city: 'Lyon' })],
    ]);
    expect(result.rejected.map(({ line, code, message }) => [line, code, message])).toEqual([
      [2, 'customer_rejected', expect.stringContaining('problems on lines 3, 6')],
      [3, 'duplicate_billing', expect.stringContaining('the first is on line 2')],
      [4, 'customer_rejected', expect.any(String)],
      [6, 'duplicate_shipping_address', expect.stringContaining('on line 4')],
    ]);
  });

  it('takes rows repeating the billing address word for word as that one address (one row per location)', () => {
    const billing = validRow();
    const ship = (code: string, city: string) =>
      validRow({ address_type: 'shipping', address_code: code, city });
    const repeated = group([
      [2, billing],
      [3, ship('LOC-1', 'Lyon')],
      [4, validRow()],
      [5, ship('LOC-2', 'Nice')],
      [6, validRow()],
    ]);
    expect(repeated.rejected).toEqual([]);
    expect(repeated.validCustomers).toBe(1);
    // The repeats add nothing: the customer's content is that of its three addresses, as with the billing row once.
    const once = group([
      [2, billing],
      [3, ship('LOC-1', 'Lyon')],
      [5, ship('LOC-2', 'Nice')],
    ]);
    expect(repeated.contentHashes().get('C1')).toBe(once.contentHashes().get('C1'));
  });

  it('still rejects two billing rows that differ in any address field, naming both lines', () => {
    const result = group([
      [2, validRow()],
      [7, validRow({ postal_code: '75002' })],
    ]);
    expect(result.rejected.map(({ line, code, message }) => [line, code, message])).toEqual([
      [2, 'customer_rejected', expect.stringContaining('line 7')],
      [7, 'duplicate_billing', expect.stringContaining('the first is on line 2')],
    ]);
  });

  it('tells apart any number of shipping addresses by code, and finds a repeat of any of them', () => {
    const shipping = (code: string) => validRow({ address_type: 'shipping', address_code: code });
    const accepted = group([
      [2, validRow()],
      [3, shipping('A')],
      [4, shipping('B')],
      [5, validRow({ customer_code: 'C2' })],
      [6, shipping('C')],
    ]);
    expect(accepted.rejected).toEqual([]);
    const repeated = group([
      [2, validRow()],
      [3, shipping('A')],
      [4, shipping('B')],
      [5, shipping('C')],
      [8, validRow({ customer_code: 'C2' })],
      [9, shipping('B')],
    ]);
    expect(repeated.rejected).toContainEqual(
      expect.objectContaining({
        line: 9,
        field: 'address_code',
        value: 'B',
        code: 'duplicate_shipping_address',
        message: expect.stringContaining('on line 4'),
      }),
    );
  });

  it('names the field and both lines when rows of one customer disagree', () => {
    const result = group([
      [2, validRow()],
      [7, validRow({ customer_name: 'Bloom Paris', address_type: 'shipping', address_code: 'A' })],
    ]);
    expect(result.rejected).toEqual([
      expect.objectContaining({ line: 2, code: 'customer_rejected' }),
      {
        line: 7,
        customerCode: 'C1',
        field: 'customer_name',
        value: 'Bloom Paris',
        code: 'conflicting_value',
        message: 'customer_name is "Bloom Paris" on line 7 but "Bloom" on line 2 of the same customer',
      },
    ]);
  });

  it('still names both lines of a conflict when the first fields are not given back', () => {
    const result = group(
      [
        [2, validRow()],
        [3, validRow({ customer_name: 'Other', address_type: 'shipping' })],
      ],
      new Map(),
    );
    expect(result.rejected[1]).toMatchObject({
      line: 3,
      field: 'row',
      message: expect.stringContaining('line 2'),
    });
  });

  it('rejects the whole customer when one of its rows failed validation', () => {
    const grouper = new CustomerGrouper();
    grouper.addValid(2, validRow());
    grouper.addRejected(3, 'C1', [{ field: 'city', code: 'required', message: 'is required' }]);
    grouper.addRejected(4, undefined, [{ field: 'customer_code', code: 'required', message: 'is required' }]);
    const result = grouper.finish();
    expect(
      result.rejected.map(({ line, customerCode, code, message }) => [line, customerCode, code, message]),
    ).toEqual([
      [2, 'C1', 'customer_rejected', 'This row is rejected with its customer, which has problems on line 3'],
      [3, 'C1', 'required', 'city is required'],
      [4, '', 'required', 'customer_code is required'],
    ]);
    expect(result.rejectedRows).toBe(3);
    expect(result.customers).toBe(1);
  });
});
