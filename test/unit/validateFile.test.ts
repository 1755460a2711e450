import { describe, expect, it } from 'vitest';
import { parseTenantConfig } from '../../lambdas/core/config/parseTenantConfig.js';
import type { TenantConfigInput } from '../../lambdas/core/config/tenantConfig.js';
import { WIDE_COLUMNS } from '../../lambdas/core/fields.js';
import { validateFile } from '../../lambdas/core/index.js';
import { file, row } from '../helpers/rows.js';
import { sourceOf } from '../helpers/sources.js';

const validate = (content: string | Uint8Array, tenant: Partial<TenantConfigInput> = {}) =>
  validateFile(
    'customer_test.psv',
    sourceOf(content, 64),
    parseTenantConfig({ tenantId: 'acme', ...tenant }),
  );

describe('validateFile', () => {
  it('opens a clean file once: the decoder, not a read of its own, looks for a UTF-16 byte-order mark', async () => {
    const source = sourceOf(file(row(), row({ customer_code: 'C2' })), 64);
    let opened = 0;
    const result = await validateFile(
      'customer_test.psv',
      () => {
        opened += 1;
        return source();
      },
      parseTenantConfig({ tenantId: 'acme' }),
    );
    expect(result.counts.validCustomers).toBe(2);
    expect(opened).toBe(1);
  });

  it('validates a clean file', async () => {
    const result = await validate(
      file(row(), row({ customer_code: 'C2' }), row({ address_type: 'S', address_code: 'A' })),
    );
    expect(result.refusal).toBeUndefined();
    expect(result.counts).toEqual({ rows: 3, customers: 2, validCustomers: 2, rejectedRows: 0 });
    expect(result.hasHeader).toBe(true);
    expect([...result.contentHashes().keys()]).toEqual(['C1', 'C2']);
  });

  it('finds the same problems without content hashes, and says so when asked for them', async () => {
    const content = file(
      row(),
      row({ customer_code: 'C2', city: '' }),
      row({ address_type: 'S', address_code: 'A' }),
      row({ address_type: 'S', address_code: 'A', city: 'Lyon' }),
      row({ customer_code: 'C3' }),
    );
    const tenant = parseTenantConfig({ tenantId: 'acme' });
    const withHashes = await validateFile('customer_test.psv', sourceOf(content, 64), tenant);
    const without = await validateFile('customer_test.psv', sourceOf(content, 64), tenant, {
      contentHashes: false,
    });
    expect(without.counts).toEqual(withHashes.counts);
    expect(without.rejected).toEqual(withHashes.rejected);
    expect(without.rejected.length).toBeGreaterThan(0);
    expect(without.counts.validCustomers).toBe(1);
    expect(() => without.contentHashes()).toThrow(/not computed/);
  });

  it('reads a file without a header by position', async () => {
    const result = await validate([row(), row({ customer_code: 'C2' })].join('\n'));
    expect(result.hasHeader).toBe(false);
    expect(result.counts.validCustomers).toBe(2);
  });

  it('gives physical line numbers, the header being line 1, blank lines counted', async () => {
    const result = await validate(file(row(), '', row({ customer_code: 'C2', city: '' })));
    expect(result.rejected).toEqual([
      {
        line: 4,
        customerCode: 'C2',
        customerName: 'Bloom Boutique',
        field: 'city',
        code: 'required',
        message: 'city is required',
      },
    ]);
    expect(result.counts).toEqual({ rows: 2, customers: 2, validCustomers: 1, rejectedRows: 1 });
  });

  it('finds columns by header name in any order and case, and reports unknown columns', async () => {
    const header =
      'Country|City|Address 1|ADDRESS_TYPE|Price Label|Currency|Customer Name|Customer-Code|Fax|postal_code|state';
    const result = await validate(
      `${header}\nUS|New York|1 Main St|billing|Wholesale|USD|Bloom|C1|555|10012|NY`,
    );
    expect(result.counts.validCustomers).toBe(1);
    expect(result.ignoredColumns).toEqual(['Fax']);
  });

  it('falls back to Windows-1252 under auto and names the encoding', async () => {
    const bytes = Buffer.from(file(row({ customer_name: 'Cafe X' })).replace('Cafe', 'Caf\u00e9'), 'latin1');
    const result = await validate(bytes);
    expect(result.encoding).toBe('windows-1252');
    expect(result.counts.validCustomers).toBe(1);
  });

  it('refuses bytes that are not UTF-8 when the tenant says UTF-8', async () => {
    const result = await validate(Buffer.from([...Buffer.from(file(row())), 0xe9]), { encoding: 'utf-8' });
    expect(result.refusal?.code).toBe('undecodable');
  });

  it.each([
    ['an empty file', '', 'empty'],
    ['blank lines only', '\n\n  \n', 'empty'],
    ['a header and no rows', file(), 'header_only'],
    ['binary content', Buffer.from([0x50, 0x4b, 0x03, 0x04, 0, 0, 0x14]), 'binary'],
    ['no valid customer', file(row({ city: '' })), 'no_valid_customers'],
    ['a header missing required columns', 'customer_code|customer_name\nC1|Bloom', 'missing_columns'],
  ])('refuses %s', async (_what, content, code) => {
    const result = await validate(content);
    expect(result.refusal?.code).toBe(code);
    expect(result.contentHashes().size).toBe(0);
  });

  it('refuses a file written with another delimiter', async () => {
    const commas = file(row(), row({ customer_code: 'C2' })).replaceAll('|', ',');
    const result = await validate(commas);
    expect(result.refusal).toEqual({
      code: 'wrong_delimiter',
      message: expect.stringContaining('delimited by "|"'),
    });
    expect(result.counts.rows).toBe(3);
  });

  it('rejects a row with the wrong column count, tolerating a trailing delimiter', async () => {
    const result = await validate(
      file(
        `${row()}|`,
        row({ customer_code: 'C2' }).split('|').slice(0, 20).join('|'),
        row({ customer_code: 'C3' }),
      ),
    );
    expect(result.rejected).toEqual([
      expect.objectContaining({
        line: 3,
        customerCode: 'C2',
        field: 'row',
        code: 'column_count',
        message: 'This row has 20 column(s) where 26 were expected',
      }),
    ]);
  });

  it('names both lines when a customer field differs between rows far apart', async () => {
    const rows = [
      row(),
      ...Array.from({ length: 50 }, (_, k) => row({ customer_code: `X${k}` })),
      row({ email: 'other@bloom.example', address_type: 'S' }),
    ];
    const result = await validate(file(...rows));
    expect(result.rejected.find((r) => r.code === 'conflicting_value')).toEqual({
      line: 53,
      customerCode: 'C1',
      field: 'email',
      value: 'other@bloom.example',
      code: 'conflicting_value',
      message:
        'email is "other@bloom.example" on line 53 but "orders@bloom.example" on line 2 of the same customer',
    });
  });

  it('reads the wide template and names wide columns in problems', async () => {
    const header = WIDE_COLUMNS.join('|');
    const values = (changes: Record<string, string>) => {
      const base: Record<string, string> = {
        customer_code: 'W1',
        customer_name: 'Wide Co',
        currency: 'EUR',
        price_label: 'Wholesale EUR',
        billing_address_1: '1 rue X',
        billing_city: 'Paris',
        billing_postal_code: '75001',
        billing_country: 'FR',
        shipping_code: 'S1',
        shipping_address_1: '2 rue Y',
        shipping_city: 'Lyon',
        shipping_country: 'FR',
        shipping_postal_code: '69001',
        ...changes,
      };
      return WIDE_COLUMNS.map((c) => base[c] ?? '').join('|');
    };
    const result = await validate(
      `${header}\n${values({})}\n${values({ customer_code: 'W2', shipping_city: '' })}`,
      { template: { kind: 'wide' } },
    );
    expect(result.counts).toEqual({ rows: 2, customers: 2, validCustomers: 1, rejectedRows: 1 });
    expect(result.rejected).toEqual([
      expect.objectContaining({ line: 3, field: 'shipping_city', code: 'required' }),
    ]);
  });

  it('reads a mapped template by header names with the tenant’s address type words', async () => {
    const tenant = {
      template: {
        kind: 'mapped' as const,
        columns: {
          customer_code: 'Kunde',
          customer_name: 'Name',
          currency: 'Währung',
          price_label: 'Preisliste',
          address_type: 'Art',
          address_1: 'Strasse',
          city: 'Ort',
          postal_code: 'PLZ',
          country: 'Land',
        },
        addressTypeValues: { billing: ['RE'], shipping: ['LI'] },
      },
      delimiter: ';' as const,
    };
    const content =
      'Kunde;Name;Währung;Preisliste;Art;Strasse;Ort;PLZ;Land\nK1;Laden;EUR;Standard;RE;Hauptstr. 1;Berlin;10115;Germany\nK1;Laden;EUR;Standard;LI;Lagerweg 2;Hamburg;20095;DE';
    const result = await validate(content, tenant);
    expect(result.counts).toEqual({ rows: 2, customers: 1, validCustomers: 1, rejectedRows: 0 });
  });

  it('reads a mapped template by positions in a file without a header', async () => {
    const tenant = {
      header: false,
      template: {
        kind: 'mapped' as const,
        columns: {
          customer_code: 1,
          customer_name: 2,
          currency: 3,
          price_label: 4,
          address_type: 5,
          address_1: 6,
          city: 7,
          postal_code: 8,
          country: 9,
        },
      },
    };
    const result = await validate('K1|Laden|EUR|Standard|B|Hauptstr. 1|Berlin|10115|DE|extra', tenant);
    expect(result.counts.validCustomers).toBe(1);
  });

  it('accounts for every row: valid customers’ rows plus rejected rows', async () => {
    const result = await validate(
      file(
        row(),
        row({ customer_code: 'C2', country: 'XX' }),
        row({ customer_code: 'C2', address_type: 'S' }),
        row({ customer_code: '' }),
      ),
    );
    expect(result.counts.rows).toBe(4);
    expect(result.counts.rejectedRows).toBe(3);
    expect(new Set(result.rejected.map((r) => r.line))).toEqual(new Set([3, 4, 5]));
  });
});
