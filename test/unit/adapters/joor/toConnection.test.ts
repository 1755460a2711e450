import { describe, expect, it } from 'vitest';
import { toBulkConnectionBody, toConnection } from '../../../../lambdas/adapters/joor/toConnection.js';
import { parseFaults } from '../../../../tools/emulators/joor/faults.js';
import { makeCustomer } from '../../../helpers/customerFactory.js';

describe('toConnection', () => {
  it('maps a customer to JOOR’s connection fields, leaving absent values out', () => {
    const customer = { ...makeCustomer(2), warehouseCode: 'NYC', notes: undefined };
    expect(toConnection(customer)).toEqual({
      customer_code: 'C0000002',
      customer_name: 'Boutique 2',
      customer_alias: 'Boutique 2',
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
