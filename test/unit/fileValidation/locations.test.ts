import { describe, expect, it } from 'vitest';
import { parseTenantConfig } from '../../../lambdas/core/config/parseTenantConfig.js';
import { collectCustomers } from '../../../lambdas/core/grouping/collectCustomers.js';
import { validateFile } from '../../../lambdas/core/index.js';
import { sourceOf } from '../../helpers/sources.js';

/**
 * Shopify B2B's companies export: one row per location, the company's billing address repeated on each row, each
 * location with its own id and shipping address.
 */
const SHOPIFY_COMPANIES = [
  'Company ID,Name,Currency,Price List,Location ID,Billing Address 1,Billing City,Billing Zip,Billing Country Code,Shipping Address 1,Shipping City,Shipping Zip,Shipping Country Code',
  '7001,Maison Verte,EUR,Wholesale EUR,LOC-11,1 Rue de Rivoli,Paris,75001,FR,5 Quai Saint-Antoine,Lyon,69002,FR',
  '7001,Maison Verte,EUR,Wholesale EUR,LOC-12,1 Rue de Rivoli,Paris,75001,FR,9 Rue Paradis,Marseille,13001,FR',
  '7002,Casa Blu,EUR,Wholesale EUR,LOC-21,Via Roma 3,Milano,20121,IT,Via Roma 3,Milano,20121,IT',
  '7001,Maison Verte,EUR,Wholesale EUR,LOC-13,1 Rue de Rivoli,Paris,75001,FR,2 Place Bellecour,Lyon,69002,FR',
].join('\n');

const tenant = parseTenantConfig({
  tenantId: 'shopify',
  delimiter: ',',
  template: {
    kind: 'mapped',
    layout: 'wide',
    columns: {
      customer_code: 'Company ID',
      customer_name: 'Name',
      currency: 'Currency',
      price_label: 'Price List',
      billing_address_1: 'Billing Address 1',
      billing_city: 'Billing City',
      billing_postal_code: 'Billing Zip',
      billing_country: 'Billing Country Code',
      shipping_code: 'Location ID',
      shipping_address_1: 'Shipping Address 1',
      shipping_city: 'Shipping City',
      shipping_postal_code: 'Shipping Zip',
      shipping_country: 'Shipping Country Code',
    },
  },
});

describe('an export with one row per location', () => {
  it('gives each customer its billing address once and a shipping address per location, with its code', async () => {
    const result = await validateFile('companies.csv', sourceOf(SHOPIFY_COMPANIES, 64), tenant);
    expect(result.rejected).toEqual([]);
    expect(result.counts).toMatchObject({ rows: 4, customers: 2, validCustomers: 2 });
    const [maison] = await collectCustomers(sourceOf(SHOPIFY_COMPANIES), tenant, 'utf-8', new Set(['7001']));
    expect(maison!.billing).toMatchObject({ address1: '1 Rue de Rivoli', city: 'Paris' });
    expect(maison!.shipping.map((a) => [a.addressCode, a.city])).toEqual([
      ['LOC-11', 'Lyon'],
      ['LOC-12', 'Marseille'],
      ['LOC-13', 'Lyon'],
    ]);
  });

  it('still rejects a company whose billing address differs between two rows, naming both lines', async () => {
    const changed = SHOPIFY_COMPANIES.replace('LOC-12,1 Rue de Rivoli,Paris', 'LOC-12,3 Rue de Rivoli,Paris');
    const result = await validateFile('companies.csv', sourceOf(changed), tenant);
    expect(result.rejected.map((r) => [r.line, r.code])).toEqual([
      [2, 'customer_rejected'],
      [3, 'duplicate_billing'],
      [5, 'customer_rejected'],
    ]);
    expect(result.rejected[1]!.message).toContain('the first is on line 2');
  });
});
