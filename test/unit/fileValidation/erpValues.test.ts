import { createReadStream, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { parseTenantConfig } from '../../../lambdas/core/config/parseTenantConfig.js';
import { collectCustomers } from '../../../lambdas/core/grouping/collectCustomers.js';
import type { Customer } from '../../../lambdas/core/index.js';
import { validateFile } from '../../../lambdas/core/index.js';

/**
 * Exports as ERPs this project had not seen write them (issue #27): countries, states and currencies in the brand's
 * language or the ERP's style, and the ERP's own codes, each with the tenant config a person would write for it.
 */
const FIXTURES = fileURLToPath(new URL('../../fixtures/erp-values/', import.meta.url));

const load = async (file: string, config: string) => {
  const tenant = parseTenantConfig(JSON.parse(readFileSync(FIXTURES + config, 'utf8')), config);
  const source = () => createReadStream(FIXTURES + file);
  const validation = await validateFile(file, source, tenant);
  const customers = await collectCustomers(
    source,
    tenant,
    validation.encoding,
    new Set(validation.contentHashes().keys()),
  );
  const byCode = new Map<string, Customer>(customers.map((customer) => [customer.customerCode, customer]));
  return { validation, byCode };
};

describe('exports with values as ERPs write them validate with a config written for them', () => {
  it('a Spanish export (Holded): countries, states and currencies in Spanish, codes through valueMaps', async () => {
    const { validation, byCode } = await load('clientes_holded.csv', 'tenant-holded.json');
    expect(validation.rejected).toEqual([]);
    expect(validation.counts).toMatchObject({ rows: 7, customers: 6, validCustomers: 6, rejectedRows: 0 });
    expect(byCode.get('C001')).toMatchObject({
      currency: 'EUR',
      priceLabel: 'Wholesale EUR',
      paymentTermsCode: 'NET30',
      billing: { country: 'ES' },
      shipping: [{ city: 'Getafe', country: 'ES' }],
    });
    expect(byCode.get('C002')).toMatchObject({
      currency: 'EUR',
      paymentTermsCode: 'NET60',
      billing: { country: 'PT' },
    });
    expect(byCode.get('C003')?.billing.country).toBe('FR');
    expect(byCode.get('C004')).toMatchObject({ currency: 'USD', billing: { country: 'US', state: 'NY' } });
    expect(byCode.get('C005')).toMatchObject({ currency: 'EUR', billing: { country: 'DE' } });
    expect(byCode.get('C006')).toMatchObject({ currency: 'GBP', billing: { country: 'GB' } });
    expect(validation.unknownValues).toBeUndefined();
  });

  it('a German export (Sage 100): Land, Bundesland and Währung in German, $ and ¥ read by the country', async () => {
    const { validation, byCode } = await load('kunden_sage.csv', 'tenant-sage-de.json');
    expect(validation.rejected).toEqual([]);
    expect(validation.counts).toMatchObject({ customers: 7, validCustomers: 7, rejectedRows: 0 });
    expect(byCode.get('10001')).toMatchObject({ paymentTermsCode: 'NET14', billing: { country: 'DE' } });
    expect(byCode.get('10002')).toMatchObject({ currency: 'EUR', billing: { country: 'AT' } });
    expect(byCode.get('10003')).toMatchObject({
      currency: 'CHF',
      priceLabel: 'Wholesale CHF',
      billing: { country: 'CH' },
    });
    expect(byCode.get('10004')).toMatchObject({ currency: 'EUR', billing: { country: 'FR' } });
    expect(byCode.get('10005')).toMatchObject({ currency: 'USD', billing: { country: 'US', state: 'CA' } });
    expect(byCode.get('10006')).toMatchObject({ currency: 'CAD', billing: { country: 'CA', state: 'ON' } });
    expect(byCode.get('10007')).toMatchObject({ currency: 'JPY', billing: { country: 'JP', state: '13' } });
  });

  it('an Odoo export: states as `Name (CC)` and `XX - Name`, Odoo’s own address types, terms and sales reps', async () => {
    const { validation, byCode } = await load('res_partner_odoo.csv', 'tenant-odoo.json');
    expect(validation.rejected).toEqual([]);
    expect(validation.counts).toMatchObject({ customers: 4, validCustomers: 4, rejectedRows: 0 });
    expect(byCode.get('ODOO-001')).toMatchObject({
      paymentTermsCode: 'NET30',
      salesRepCode: 'REP01',
      billing: { state: 'CA', country: 'US' },
      shipping: [{ state: 'CA' }],
    });
    expect(byCode.get('ODOO-002')).toMatchObject({
      paymentTermsCode: 'EOFM',
      billing: { state: 'QC', country: 'CA' },
    });
    expect(byCode.get('ODOO-003')?.billing.state).toBe('NSW');
    expect(byCode.get('ODOO-004')).toMatchObject({ paymentTermsCode: 'PREPAID', billing: { state: '26' } });
  });

  it('a Sage 50 export: payment terms through valueMaps, and the one term no table knows listed once with its rows', async () => {
    const { validation, byCode } = await load('customers_sage50.csv', 'tenant-sage50.json');
    expect(validation.rejected).toEqual([]);
    expect(byCode.get('BLOOM01')).toMatchObject({
      currency: 'GBP',
      paymentTermsCode: 'NET30',
      priceLabel: 'Wholesale GBP',
      billing: { country: 'GB' },
      shipping: [{ country: 'GB' }],
    });
    expect(byCode.get('AMST01')).toMatchObject({ currency: 'EUR', billing: { country: 'NL' } });
    expect(byCode.get('NYC01')).toMatchObject({
      currency: 'USD',
      paymentTermsCode: '90 days',
      billing: { state: 'NY' },
    });
    expect(validation.unknownValues).toEqual([{ field: 'payment_terms_code', value: '90 days', rows: 1 }]);
  });

  it('rejects a strict field’s value its table does not know, naming value and table, and lists it', async () => {
    const config = JSON.parse(readFileSync(`${FIXTURES}tenant-sage50.json`, 'utf8'));
    const tenant = parseTenantConfig({ ...config, strictValues: ['payment_terms_code'] });
    const validation = await validateFile(
      'customers_sage50.csv',
      () => createReadStream(`${FIXTURES}customers_sage50.csv`),
      tenant,
    );
    expect(validation.rejected).toEqual([
      expect.objectContaining({
        customerCode: 'NYC01',
        field: 'payment_terms_code',
        value: '90 days',
        code: 'unmapped_value',
        message: expect.stringContaining('valueMaps.payment_terms_code'),
      }),
    ]);
    expect(validation.unknownValues).toEqual([{ field: 'payment_terms_code', value: '90 days', rows: 1 }]);
  });

  it('without the tables, the same exports are rejected for their values (what #27 found)', async () => {
    const tenant = parseTenantConfig({
      ...JSON.parse(readFileSync(`${FIXTURES}tenant-odoo.json`, 'utf8')),
      valueMaps: { address_type: { 'Invoice Address': 'billing', 'Delivery Address': 'shipping' } },
      strictValues: [],
    });
    const validation = await validateFile(
      'res_partner_odoo.csv',
      () => createReadStream(`${FIXTURES}res_partner_odoo.csv`),
      tenant,
    );
    expect(new Set(validation.rejected.map((row) => row.code))).toEqual(
      new Set(['unknown_price_type', 'unknown_code']),
    );
    expect(validation.unknownValues).toEqual(
      expect.arrayContaining([{ field: 'payment_terms_code', value: '30 Days', rows: 3 }]),
    );
  });
});
