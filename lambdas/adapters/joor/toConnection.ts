import type { Address, Customer } from '../../core/index.js';
import { type ConnectionForm, DEFAULT_CONNECTION_FORM } from './connectionForm.js';

type Group = 'billing' | 'shipping';

/** One address in JOOR's field names: `billing_code`, `billing_address_1`, `shipping_city`, … */
const addressFields = (group: Group, address: Address): Record<string, string> => {
  const fields: Record<string, string | undefined> = {
    [`${group}_code`]: address.addressCode,
    [`${group}_name`]: address.addressName,
    [`${group}_phone`]: address.addressPhone,
    [`${group}_address_1`]: address.address1,
    [`${group}_address_2`]: address.address2,
    [`${group}_address_3`]: address.address3,
    [`${group}_city`]: address.city,
    [`${group}_state`]: address.state,
    [`${group}_postal_code`]: address.postalCode,
    [`${group}_country`]: address.country,
  };
  return withoutEmpty(fields);
};

const withoutEmpty = (fields: Record<string, string | undefined>): Record<string, string> =>
  Object.fromEntries(
    Object.entries(fields).filter((entry): entry is [string, string] => entry[1] !== undefined),
  );

/** The price type in the form the tenant's setting names (`joor.priceTypes`, `joor.retailCurrency`). */
const priceTypesOf = (customer: Customer, form: ConnectionForm): unknown => {
  const priceType = {
    price_type_currency_code: customer.currency,
    price_type_label: customer.priceLabel,
    ...(form.retailCurrency ? { price_type_retail_currency_code: customer.currency } : {}),
  };
  return form.priceTypes === 'array' ? [priceType] : priceType;
};

/** Where a method code goes: flat on the connection, or nested in its group's list (`joor.methodCodes`). */
const nestedMethod = (
  form: ConnectionForm,
  list: 'payment_methods' | 'shipping_methods',
  key: 'payment_method_code' | 'shipping_method_code',
  code: string | undefined,
): Record<string, unknown> =>
  form.methodCodes === 'nested' && code !== undefined ? { [list]: [{ [key]: code }] } : {};

/**
 * A canonical customer as one connection of JOOR's bulk connection payload. Absent values are left out rather than
 * sent empty, so they do not clear JOOR's. JOOR publishes the connection GET, not the bulk POST's body: each choice
 * below follows the best public evidence, named here, and `joor-check` confirms it against the Sandbox; where the
 * evidence is split the tenant's setting decides (`connectionForm.ts`):
 * - `customer_alias`: required in JOOR's connection GET, and sent by both public integrators found (a Java ERP
 *   exporter, a Python Cin7 mapper); the customer's name, as they send it.
 * - `customer_contact_name`: listed (required) by the connection GET, sent by both integrators; from the customer's
 *   name or the billing row's `address_name` (`joor.contactName`).
 * - `warehouses: [{ warehouse_code }]`: JOOR's GET nests warehouses, and the Java exporter sends this list.
 * - the email under `joor.emailField`; method codes as `joor.methodCodes`; price types as `joor.priceTypes`.
 */
export const toConnection = (
  customer: Customer,
  form: ConnectionForm = DEFAULT_CONNECTION_FORM,
): Record<string, unknown> => {
  const flat = form.methodCodes === 'flat';
  return {
    ...withoutEmpty({
      customer_code: customer.customerCode,
      customer_name: customer.customerName,
      customer_alias: customer.customerName,
      customer_contact_name:
        form.contactName === 'address_name' ? customer.billing.addressName : customer.customerName,
      [form.emailField]: customer.email,
      customer_phone: customer.phone,
      sales_rep_code: customer.salesRepCode,
      customer_group_code: customer.customerGroupCode,
      company_number_code: customer.companyNumber,
      payment_method_code: flat ? customer.paymentTermsCode : undefined,
      shipping_method_code: flat ? customer.shippingMethodCode : undefined,
      tax_id: customer.taxId,
      notes: customer.notes,
    }),
    ...(customer.warehouseCode ? { warehouses: [{ warehouse_code: customer.warehouseCode }] } : {}),
    billing: {
      billing_addresses: [addressFields('billing', customer.billing)],
      ...nestedMethod(form, 'payment_methods', 'payment_method_code', customer.paymentTermsCode),
    },
    shipping: {
      shipping_addresses: customer.shipping.map((address) => addressFields('shipping', address)),
      ...nestedMethod(form, 'shipping_methods', 'shipping_method_code', customer.shippingMethodCode),
    },
    price_types: priceTypesOf(customer, form),
  };
};

/** The body of `POST /v2/bulk-connection`. */
export const toBulkConnectionBody = (
  customers: Customer[],
  form: ConnectionForm = DEFAULT_CONNECTION_FORM,
): string =>
  JSON.stringify({
    bulk_connections: { connection: customers.map((customer) => toConnection(customer, form)) },
  });
