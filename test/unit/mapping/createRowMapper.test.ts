import { describe, expect, it } from 'vitest';
import { parseTenantConfig } from '../../../lambdas/core/config/parseTenantConfig.js';
import { CANONICAL_FIELDS, WIDE_COLUMNS } from '../../../lambdas/core/fields.js';
import { createRowMapper, type RowMapper } from '../../../lambdas/core/mapping/createRowMapper.js';

const tenant = (extra: Record<string, unknown> = {}) => parseTenantConfig({ tenantId: 'maison', ...extra });

const mapperFor = (firstCells: string[], extra: Record<string, unknown> = {}): RowMapper => {
  const resolution = createRowMapper(firstCells, tenant(extra));
  if (!resolution.ok) throw new Error(resolution.refusal.message);
  return resolution.mapper;
};

/** A record of the standard address-rows layout with the given fields set. */
const standardCells = (values: Record<string, string>): string[] =>
  CANONICAL_FIELDS.map((field) => values[field] ?? '');

describe('createRowMapper', () => {
  it('takes a first row of known names for a header, and reads the standard layout by position without one', () => {
    const withHeader = mapperFor([...CANONICAL_FIELDS]);
    expect(withHeader.hasHeader).toBe(true);
    const noHeader = mapperFor(standardCells({ customer_code: 'C1', customer_name: 'Bloom' }));
    expect(noHeader.hasHeader).toBe(false);
    expect(noHeader.expectedColumns).toBe(CANONICAL_FIELDS.length);
    const [row] = noHeader.toRows(standardCells({ customer_code: 'C1', city: 'Paris', country: 'FR' }));
    expect(row).toMatchObject({ customer_code: 'C1', city: 'Paris', country: 'FR', email: undefined });
  });

  it('trims every cell, white space of any kind, and reads a blank cell as absent', () => {
    const mapper = mapperFor([...CANONICAL_FIELDS]);
    const [row] = mapper.toRows(
      standardCells({
        customer_code: '  C1 ',
        customer_name: '\tBloom\u00a0',
        email: '   ',
        city: 'Paris',
        notes: '\u2003note\u2003',
        address_1: 'Rue de l’Été',
      }),
    );
    expect(row).toMatchObject({
      customer_code: 'C1',
      customer_name: 'Bloom',
      email: undefined,
      city: 'Paris',
      notes: 'note',
      address_1: 'Rue de l’Été',
      phone: undefined,
    });
    expect(Object.keys(row!)).toEqual([...CANONICAL_FIELDS]);
  });

  it('finds header columns in any order and case, and lists the columns it ignores', () => {
    const header = [
      'Country',
      'CUSTOMER_CODE',
      'customer name',
      'currency',
      'price_label',
      'address_type',
      'address_1',
      'city',
      'Loyalty tier',
    ];
    const mapper = mapperFor(header);
    expect(mapper.ignoredColumns).toEqual(['Loyalty tier']);
    const [row] = mapper.toRows(['FR', 'C1', 'Bloom', 'EUR', 'Retail', 'billing', '1 Rue', 'Paris', 'gold']);
    expect(row).toMatchObject({ customer_code: 'C1', customer_name: 'Bloom', country: 'FR', city: 'Paris' });
  });

  it('maps a tenant’s own columns by header name or position, with its own address-type words', () => {
    const byName = mapperFor(['Code', 'Name', 'Cur', 'Price', 'Kind', 'Street', 'Town', 'Land'], {
      template: {
        kind: 'mapped',
        columns: {
          customer_code: 'Code',
          customer_name: 'Name',
          currency: 'Cur',
          price_label: 'Price',
          address_type: 'Kind',
          address_1: 'Street',
          city: 'Town',
          country: 'Land',
        },
        addressTypeValues: { billing: ['Invoice'], shipping: ['Delivery'] },
      },
    });
    const [row] = byName.toRows(['C1', 'Bloom', 'EUR', 'Retail', 'delivery', '1 Rue', 'Paris', 'FR']);
    expect(row).toMatchObject({ customer_code: 'C1', address_type: 'shipping', country: 'FR' });

    const byPosition = mapperFor(['C1', 'Bloom', 'EUR', 'Retail', 'B', '1 Rue', 'Paris', 'FR'], {
      header: false,
      template: {
        kind: 'mapped',
        columns: {
          customer_code: 1,
          customer_name: 2,
          currency: 3,
          price_label: 4,
          address_type: 5,
          address_1: 6,
          city: 7,
          country: 8,
        },
      },
    });
    expect(byPosition.hasHeader).toBe(false);
    expect(
      byPosition.toRows(['C2', 'Maison', 'USD', 'Retail', 'S', '2 St', 'Austin', 'US'])[0],
    ).toMatchObject({
      customer_code: 'C2',
      address_type: 'S',
      city: 'Austin',
    });
  });

  it('reads a wide row as a billing row and, when its shipping group has any value, a shipping row', () => {
    const mapper = mapperFor([...WIDE_COLUMNS], { template: { kind: 'wide' } });
    const cells = (shippingCity: string) =>
      WIDE_COLUMNS.map(
        (column) =>
          ({
            customer_code: 'C1',
            customer_name: 'Bloom',
            billing_address_1: '1 Rue',
            billing_city: 'Paris',
            billing_country: 'FR',
            shipping_city: shippingCity,
          })[column] ?? '',
      );
    const [billing, shipping] = mapper.toRows(cells('Lyon'));
    expect(billing).toMatchObject({
      customer_code: 'C1',
      address_type: 'billing',
      address_1: '1 Rue',
      city: 'Paris',
    });
    expect(shipping).toMatchObject({
      customer_code: 'C1',
      customer_name: 'Bloom',
      address_type: 'shipping',
      city: 'Lyon',
      address_1: undefined,
    });
    expect(mapper.toRows(cells(''))).toHaveLength(1);
  });

  it('refuses a file whose header lacks a required column, naming it', () => {
    const resolution = createRowMapper(
      CANONICAL_FIELDS.filter((field) => field !== 'city'),
      tenant(),
    );
    expect(resolution).toEqual({
      ok: false,
      refusal: { code: 'missing_columns', message: expect.stringContaining('city') },
    });
  });
});

// Issue #22: Business Central and many small ERPs export one address per customer with no address type column.
describe('a mapped address-rows template that maps no address type', () => {
  const columns = {
    customer_code: 'No.',
    customer_name: 'Name',
    currency: 'Currency Code',
    price_label: 'Customer Price Group',
    address_1: 'Address',
    city: 'City',
    country: 'Country/Region Code',
  };
  const header = Object.values(columns);

  it('reads every row as the billing address, and does not ask for an address type column', () => {
    const mapper = mapperFor(header, { template: { kind: 'mapped', columns } });
    const [row, ...more] = mapper.toRows(['C1', 'Bloom', 'EUR', 'RETAIL', '1 Main St', 'Paris', 'FR']);
    expect(more).toEqual([]);
    expect(row).toMatchObject({ customer_code: 'C1', address_type: 'billing', city: 'Paris' });
  });

  it('still needs the address type column when the template maps it', () => {
    const resolution = createRowMapper(
      header,
      tenant({ template: { kind: 'mapped', columns: { ...columns, address_type: 'Type' } } }),
    );
    expect(resolution).toEqual({
      ok: false,
      refusal: { code: 'missing_columns', message: expect.stringContaining('address_type ("Type")') },
    });
  });
});

describe('a column named twice in the header', () => {
  it('refuses the file naming the column and both positions, instead of reading the last one', () => {
    const header = [...CANONICAL_FIELDS, 'Customer_Name'];
    const resolution = createRowMapper(header, tenant());
    expect(resolution).toEqual({
      ok: false,
      refusal: {
        code: 'duplicate_columns',
        message: expect.stringContaining(`customer_name (columns 2 and ${header.length})`),
      },
    });
  });

  it('lets a repeated column the template does not read pass, as an ignored one', () => {
    const mapper = mapperFor([...CANONICAL_FIELDS, 'fax', 'fax']);
    expect(mapper.ignoredColumns).toEqual(['fax', 'fax']);
  });
});

describe('invisible characters at the ends of a cell', () => {
  it('are trimmed, so a customer code with a zero-width space is the same customer', () => {
    const mapper = mapperFor([...CANONICAL_FIELDS]);
    const [row] = mapper.toRows(
      standardCells({ customer_code: '\u200BC1\uFEFF', customer_name: 'Bloom\u00AD ' }),
    );
    expect(row!.customer_code).toBe('C1');
    expect(row!.customer_name).toBe('Bloom');
  });
});
