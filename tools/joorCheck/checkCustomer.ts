import type { TenantConfig } from '../../lambdas/core/config/index.js';
import type { Customer } from '../../lambdas/core/index.js';
import { optionalField } from './optionalField.js';

/** The code of the test connection: clearly ours, one per day (a second check the same day updates it). */
export const defaultCheckCode = (now: Date): string =>
  `CSYNC-CHECK-${now.toISOString().slice(0, 10).replaceAll('-', '')}`;

/**
 * The test connection `joor-check --write` upserts: every field the pipeline can send, the reference codes the
 * first of each list the tenant config names (so that JOOR checks them), the price type the config's first or, when
 * the config lists none, JOOR's first.
 */
export const checkCustomer = (
  tenant: TenantConfig,
  code: string,
  joorPriceType?: { currency: string; label: string },
): Customer => {
  const reference = tenant.referenceData;
  const priceType = reference?.priceTypes?.[0] ?? joorPriceType ?? { currency: 'USD', label: 'Wholesale' };
  const salesRep = reference?.salesReps?.[0];
  return {
    customerCode: code,
    customerName: 'Customer Sync check (test connection, safe to delete)',
    email: 'customer-sync-check@example.com',
    phone: '+1 212 555 0100',
    currency: priceType.currency,
    priceLabel: priceType.label,
    ...optionalField('paymentTermsCode', reference?.paymentTerms?.[0]),
    ...optionalField('shippingMethodCode', reference?.shippingMethods?.[0]),
    ...optionalField('salesRepCode', salesRep?.code),
    ...optionalField('salesRepEmail', salesRep?.email),
    ...optionalField('warehouseCode', reference?.warehouses?.[0]),
    ...optionalField('customerGroupCode', reference?.customerGroups?.[0]),
    ...optionalField('companyNumber', reference?.companyNumbers?.[0]),
    taxId: 'CHECK-0001',
    notes: 'Created by customer-sync joor-check',
    billing: {
      addressCode: `${code}-B`,
      addressName: 'Accounts payable',
      address1: '1 Check Street',
      address2: 'Suite 100',
      address3: 'Floor 3',
      city: 'New York',
      state: 'NY',
      postalCode: '10001',
      country: 'US',
      addressPhone: '+1 212 555 0101',
    },
    shipping: [
      {
        addressCode: `${code}-S1`,
        addressName: 'Store',
        address1: '2 Check Avenue',
        city: 'New York',
        state: 'NY',
        postalCode: '10002',
        country: 'US',
        addressPhone: '+1 212 555 0102',
      },
    ],
  };
};
