import type { AddressField, CustomerField } from '../fields.js';
import type { Address, Customer } from '../types.js';

type CustomerScalar = Exclude<keyof Customer, 'billing' | 'shipping'>;

/** Canonical column → property of `Customer`, in the product's words. */
export const CUSTOMER_PROPERTY: Record<CustomerField, CustomerScalar> = {
  customer_code: 'customerCode',
  customer_name: 'customerName',
  email: 'email',
  phone: 'phone',
  currency: 'currency',
  price_label: 'priceLabel',
  payment_terms_code: 'paymentTermsCode',
  shipping_method_code: 'shippingMethodCode',
  sales_rep_code: 'salesRepCode',
  sales_rep_email: 'salesRepEmail',
  warehouse_code: 'warehouseCode',
  customer_group_code: 'customerGroupCode',
  company_number: 'companyNumber',
  tax_id: 'taxId',
  notes: 'notes',
};

/** Canonical column → property of `Address` (`address_type` decides billing or shipping instead). */
export const ADDRESS_PROPERTY: Record<Exclude<AddressField, 'address_type'>, keyof Address> = {
  address_code: 'addressCode',
  address_name: 'addressName',
  address_1: 'address1',
  address_2: 'address2',
  address_3: 'address3',
  city: 'city',
  state: 'state',
  postal_code: 'postalCode',
  country: 'country',
  address_phone: 'addressPhone',
};
