import type { TenantConfig } from '../config/index.js';
import { readMappedRecords } from '../mapping/index.js';
import type { ByteSource, TextEncoding } from '../reading/index.js';
import type { Address, Customer } from '../types.js';
import type { ValidAddressPart, ValidCustomerPart } from '../validating/index.js';
import { createRowValidator, indexReferenceData } from '../validating/index.js';
import { ADDRESS_PROPERTY, CUSTOMER_PROPERTY } from './customerProperties.js';

const addressOf = (row: ValidAddressPart): Address => {
  const address: Partial<Address> = {};
  for (const [field, property] of Object.entries(ADDRESS_PROPERTY) as [
    keyof typeof ADDRESS_PROPERTY,
    keyof Address,
  ][]) {
    const value = row[field];
    if (value !== undefined) address[property] = value;
  }
  return address as Address;
};

const customerOf = (row: ValidCustomerPart): Customer => {
  const customer: Partial<Customer> = { shipping: [] };
  for (const [field, property] of Object.entries(CUSTOMER_PROPERTY) as [
    keyof typeof CUSTOMER_PROPERTY,
    keyof Customer,
  ][]) {
    const value = row[field];
    if (value !== undefined) (customer as Record<string, unknown>)[property] = value;
  }
  return customer as Customer;
};

const byAddressCode = (a: Address, b: Address): number =>
  (a.addressCode ?? '').localeCompare(b.addressCode ?? '');

/**
 * The second pass over a validated file: rebuilds the full `Customer` of each wanted code (valid customers only, read in
 * the encoding validation found). Memory grows with the customers wanted, not with the file.
 */
export const collectCustomers = async (
  source: ByteSource,
  tenant: TenantConfig,
  encoding: TextEncoding,
  wanted: ReadonlySet<string>,
): Promise<Customer[]> => {
  const validateRow = createRowValidator(indexReferenceData(tenant.referenceData, tenant));
  const customers = new Map<string, Customer>();
  await readMappedRecords(source, tenant, encoding, (cells, _line, mapper) => {
    for (const mapped of mapper.toRows(cells)) {
      if (mapped.customer_code === undefined || !wanted.has(mapped.customer_code)) continue;
      const result = validateRow(mapped);
      if (!result.ok) continue; // cannot happen for a valid customer: validateFile rejected the whole customer
      const row = result.row;
      let customer = customers.get(row.customer.customer_code);
      if (!customer) {
        customer = customerOf(row.customer);
        customers.set(row.customer.customer_code, customer);
      }
      if (row.address.address_type === 'billing') customer.billing = addressOf(row.address);
      else customer.shipping.push(addressOf(row.address));
    }
    return true;
  });
  for (const customer of customers.values()) customer.shipping.sort(byAddressCode);
  return [...customers.values()];
};
