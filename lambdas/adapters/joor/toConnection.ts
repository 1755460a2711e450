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
 * A canonical customer as one connection of JOOR's bulk connection payload (SPEC §3; the shape integrators use,
 * to confirm against the Sandbox). Absent values are left out rather than sent empty, so they do not clear JOOR's.
 */
export const toConnection = (customer: Customer): Record<string, unknown> => ({
  ...withoutEmpty({
    customer_code: customer.customerCode,
    customer_name: customer.customerName,
    customer_email: customer.email,
    customer_phone: customer.phone,
    sales_rep_code: customer.salesRepCode,
    customer_group_code: customer.customerGroupCode,
    company_number_code: customer.companyNumber,
    warehouse_code: customer.warehouseCode,
    payment_method_code: customer.paymentTermsCode,
    shipping_method_code: customer.shippingMethodCode,
    tax_id: customer.taxId,
    notes: customer.notes,
  }),
  billing: { billing_addresses: [addressFields('billing', customer.billing)] },
  shipping: { shipping_addresses: customer.shipping.map((address) => addressFields('shipping', address)) },
  price_types: { price_type_currency_code: customer.currency, price_type_label: customer.priceLabel },
});

/** The body of `POST /v2/bulk-connection`. */
export const toBulkConnectionBody = (customers: Customer[]): string =>
  JSON.stringify({ bulk_connections: { connection: customers.map(toConnection) } });
