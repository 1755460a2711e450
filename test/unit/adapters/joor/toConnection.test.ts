import { describe, expect, it } from 'vitest';
import {
  connectionFormOf,
  DEFAULT_CONNECTION_FORM,
} from '../../../../lambdas/adapters/joor/connectionForm.js';
import { toBulkConnectionBody, toConnection } from '../../../../lambdas/adapters/joor/toConnection.js';
import { parseTenantConfig } from '../../../../lambdas/core/config/parseTenantConfig.js';
import { parseFaults } from '../../../../tools/emulators/joor/faults.js';
import { makeCustomer } from '../../../helpers/customerFactory.js';

describe('toConnection', () => {
  it('maps a customer to JOOR’s connection fields, leaving absent values out', () => {
    const customer = { ...makeCustomer(2), warehouseCode: 'NYC', notes: undefined };
    expect(toConnection(customer)).toEqual({
      customer_code: 'C0000002',
      customer_name: 'Boutique 2',
      customer_alias: 'Boutique 2',
      customer_contact_name: 'Boutique 2',
      customer_email: 'buyer2@shop.example',
      customer_phone: '+1 212 555 0101',
      sales_rep_code: 'REP01',
      customer_group_code: 'BOUTIQUE',
      payment_method_code: 'NET30',
      warehouses: [{ warehouse_code: 'NYC' }],
      billing: {
        billing_addresses: [
          {
            billing_name: 'Boutique 2 HQ',
            billing_address_1: '2 Spring Street',
            billing_city: 'Toronto',
            billing_state: 'ON',
            billing_postal_code: 'M5V 3L9',
            billing_country: 'CA',
          },
        ],
      },
      shipping: {
        shipping_addresses: [
          {
            shipping_code: 'MAIN',
            shipping_name: 'Boutique 2 store',
            shipping_address_1: '2 Main Street',
            shipping_address_2: 'Dock 4',
            shipping_city: 'Toronto',
            shipping_state: 'ON',
            shipping_postal_code: 'M5V 3L9',
            shipping_country: 'CA',
          },
        ],
      },
      price_types: { price_type_currency_code: 'USD', price_type_label: 'Wholesale USD' },
    });
  });

  it('sends each open point in the form the tenant’s joor block names', () => {
    const customer = { ...makeCustomer(2), shippingMethodCode: 'UPS' };
    const form = {
      ...DEFAULT_CONNECTION_FORM,
      methodCodes: 'nested',
      priceTypes: 'array',
      retailCurrency: true,
      emailField: 'customer_contact_email',
      contactName: 'address_name',
    } as const;
    const connection = toConnection(customer, form) as Record<string, Record<string, unknown>>;
    expect(connection).not.toHaveProperty('payment_method_code');
    expect(connection).not.toHaveProperty('shipping_method_code');
    expect(connection).not.toHaveProperty('customer_email');
    expect(connection).toMatchObject({
      customer_contact_email: 'buyer2@shop.example',
      customer_contact_name: 'Boutique 2 HQ',
      billing: { payment_methods: [{ payment_method_code: 'NET30' }] },
      shipping: { shipping_methods: [{ shipping_method_code: 'UPS' }] },
      price_types: [
        {
          price_type_currency_code: 'USD',
          price_type_label: 'Wholesale USD',
          price_type_retail_currency_code: 'USD',
        },
      ],
    });
    // The defaults: flat codes, one price type object without a retail currency.
    expect(toConnection(customer)).toMatchObject({
      payment_method_code: 'NET30',
      shipping_method_code: 'UPS',
    });
    expect(toConnection(customer).billing).not.toHaveProperty('payment_methods');
  });

  it('reads the settings from the tenant’s joor block, a key left out being the default', () => {
    const tenant = parseTenantConfig({
      tenantId: 'acme',
      joor: { methodCodes: 'nested', refreshGrant: false },
    });
    expect(connectionFormOf(tenant)).toEqual({
      ...DEFAULT_CONNECTION_FORM,
      methodCodes: 'nested',
      refreshGrant: false,
    });
    expect(connectionFormOf({ joor: {} } as never)).toEqual(DEFAULT_CONNECTION_FORM);
    expect(() => parseTenantConfig({ tenantId: 'acme', joor: { methodCodes: 'deep' } })).toThrow(
      /methodCodes.*must be flat or nested/,
    );
  });

  it('wraps connections in the bulk body', () => {
    expect(JSON.parse(toBulkConnectionBody([makeCustomer(1)])).bulk_connections.connection).toHaveLength(1);
  });
});

describe('parseFaults', () => {
  it('reads shares and refuses what it does not know', () => {
    expect(parseFaults('429=0.3, 500=0.2,timeout=0.05')).toEqual({
      429: 0.3,
      500: 0.2,
      timeout: 0.05,
      invalid: 0,
      short: 0,
    });
    expect(parseFaults(undefined)).toEqual({ 429: 0, 500: 0, timeout: 0, invalid: 0, short: 0 });
    expect(() => parseFaults('404=0.1')).toThrow(/unknown fault "404"/);
    expect(() => parseFaults('500=2')).toThrow(/between 0 and 1/);
  });
});
