import type { Address, Customer } from '../../core/index.js';

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

/**
 * A canonical customer as one connection of JOOR's bulk connection payload. Absent values are left out rather than
 * sent empty, so they do not clear JOOR's. JOOR publishes the connection GET, not the bulk POST's body: each choice
 * below follows the best public evidence, named here, and `joor-check` confirms it against the Sandbox:
 * - `customer_alias`: required in JOOR's connection GET, and sent by both public integrators found (a Java ERP
 *   exporter, a Python Cin7 mapper); the customer's name, as they send it.
 * - `warehouses: [{ warehouse_code }]`: JOOR's GET nests warehouses, and the Java exporter sends this list.
 * - `customer_email`: both integrators send it under this name.
 * - payment and shipping method codes flat: the Java exporter's nesting under billing and shipping is in code it
 *   left commented out.
 * - `price_types` as an object: the Python mapper's form (the Java exporter sends an array).
 */
export const toConnection = (customer: Customer): Record<string, unknown> => ({
  ...withoutEmpty({
    customer_code: customer.customerCode,
    customer_name: customer.customerName,
    customer_alias: customer.customerName,
    customer_email: customer.email,
    customer_phone: customer.phone,
    sales_rep_code: customer.salesRepCode,
    customer_group_code: customer.customerGroupCode,
    company_number_code: customer.companyNumber,
    payment_method_code: customer.paymentTermsCode,
    shipping_method_code: customer.shippingMethodCode,
    tax_id: customer.taxId,
    notes: customer.notes,
  }),
  ...(customer.warehouseCode ? { warehouses: [{ warehouse_code: customer.warehouseCode }] } : {}),
  billing: { billing_addresses: [addressFields('billing', customer.billing)] },
  shipping: { shipping_addresses: customer.shipping.map((address) => addressFields('shipping', address)) },
  price_types: { price_type_currency_code: customer.currency, price_type_label: customer.priceLabel },
});

/** The body of `POST /v2/bulk-connection`. */
export const toBulkConnectionBody = (customers: Customer[]): string =>
  JSON.stringify({ bulk_connections: { connection: customers.map(toConnection) } });
