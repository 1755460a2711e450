import { describe, expect, it } from 'vitest';
import { ConfigError } from '../../../lambdas/core/config/ConfigError.js';
import { parseTenantConfig } from '../../../lambdas/core/config/parseTenantConfig.js';
import type { TenantConfigInput } from '../../../lambdas/core/config/tenantConfig.js';
import { collectCustomers } from '../../../lambdas/core/grouping/collectCustomers.js';
import { validateFile } from '../../../lambdas/core/index.js';
import { sourceOf } from '../../helpers/sources.js';

const problemsOf = (input: unknown): string[] => {
  try {
    parseTenantConfig(input);
  } catch (error) {
    if (error instanceof ConfigError) return error.problems;
    throw error;
  }
  return [];
};

/** Dynamics NAV's customer list: `Währungscode` blank for the company's own currency, no price list column. */
const NAV_EXPORT = [
  'Nr.;Name;Adresse;Ort;PLZ-Code;Länder-/Regionscode;Währungscode',
  '10000;Modehaus Berger;Hauptstr. 1;München;80331;DE;',
  '20000;Boutique Lugano;Via Nassa 5;Lugano;6900;CH;CHF',
  '30000;Kaufhaus Nord;Jungfernstieg 7;Hamburg;20354;DE;',
].join('\r\n');

const navTenant = (extra: Partial<TenantConfigInput> = {}) =>
  parseTenantConfig({
    tenantId: 'nav',
    delimiter: ';',
    template: {
      kind: 'mapped',
      columns: {
        customer_code: 'Nr.',
        customer_name: 'Name',
        address_1: 'Adresse',
        city: 'Ort',
        postal_code: 'PLZ-Code',
        country: 'Länder-/Regionscode',
        currency: 'Währungscode',
      },
    },
    ...extra,
  });

describe('defaults per field', () => {
  it('fill a blank currency and a price list the export lacks', async () => {
    const tenant = navTenant({ defaults: { currency: 'EUR', price_label: 'Wholesale EUR' } });
    const result = await validateFile('nav.csv', sourceOf(NAV_EXPORT), tenant);
    expect(result.refusal).toBeUndefined();
    expect(result.counts).toMatchObject({ customers: 3, validCustomers: 3, rejectedRows: 0 });
    const customers = await collectCustomers(
      sourceOf(NAV_EXPORT),
      tenant,
      'utf-8',
      new Set(['10000', '20000']),
    );
    expect(customers.map((c) => [c.customerCode, c.currency, c.priceLabel])).toEqual([
      ['10000', 'EUR', 'Wholesale EUR'],
      ['20000', 'CHF', 'Wholesale EUR'],
    ]);
  });

  it('without them, every row of the same export is rejected', async () => {
    const result = await validateFile('nav.csv', sourceOf(NAV_EXPORT), navTenant());
    expect(result.refusal?.code).toBe('no_valid_customers');
    expect(result.rejected.filter((r) => r.field === 'currency').map((r) => r.line)).toEqual([2, 4]);
    expect(result.rejected.filter((r) => r.field === 'price_label').map((r) => r.line)).toEqual([2, 3, 4]);
  });

  it('stand in for a required column of the standard template', async () => {
    const standard =
      'customer_code|customer_name|currency|address_type|address_1|city|postal_code|country\nC1|Bloom||billing|1 Rue|Paris|75001|FR\n';
    const without = await validateFile(
      'customer.psv',
      sourceOf(standard),
      parseTenantConfig({ tenantId: 'acme' }),
    );
    expect(without.refusal?.code).toBe('missing_columns');
    const withDefaults = await validateFile(
      'customer.psv',
      sourceOf(standard),
      parseTenantConfig({ tenantId: 'acme', defaults: { currency: 'EUR', price_label: 'Wholesale EUR' } }),
    );
    expect(withDefaults.rejected).toEqual([]);
    expect(withDefaults.refusal).toBeUndefined();
    expect(withDefaults.counts.validCustomers).toBe(1);
  });

  it('are JOOR values: filled after valueMaps, which does not translate them', async () => {
    const tenant = navTenant({
      defaults: { currency: 'EUR', price_label: 'Wholesale EUR' },
      valueMaps: { price_label: { 'wholesale eur': 'SHOULD NOT APPLY' }, currency: { CHF: 'EUR' } },
    });
    const customers = await collectCustomers(
      sourceOf(NAV_EXPORT),
      tenant,
      'utf-8',
      new Set(['10000', '20000']),
    );
    expect(customers.map((c) => [c.currency, c.priceLabel])).toEqual([
      ['EUR', 'Wholesale EUR'],
      ['EUR', 'Wholesale EUR'],
    ]);
  });

  it('are held to validation like the file: a bad default rejects the rows it fills', async () => {
    const result = await validateFile(
      'nav.csv',
      sourceOf(NAV_EXPORT),
      navTenant({ defaults: { currency: 'ZZZ', price_label: 'Wholesale EUR' } }),
    );
    expect(result.rejected.map((r) => [r.line, r.field])).toEqual([
      [2, 'currency'],
      [4, 'currency'],
    ]);
  });

  it('name only canonical fields, and never the customer code', () => {
    expect(problemsOf({ tenantId: 'nav', defaults: { curency: 'EUR' } })).toEqual([
      'defaults.curency: not a canonical field; did you mean currency?',
    ]);
    expect(problemsOf({ tenantId: 'nav', defaults: { customer_code: 'C1' } })).toEqual([
      'defaults.customer_code: customer_code is the key of a customer: it cannot have a default',
    ]);
    expect(problemsOf({ tenantId: 'nav', defaults: { currency: ' ' } })).toEqual([
      'defaults.currency: a default value must not be empty',
    ]);
    expect(parseTenantConfig({ tenantId: 'nav', defaults: { currency: 'EUR' } }).defaults).toEqual({
      currency: 'EUR',
    });
  });
});
