import type { Customer } from '../../lambdas/core/types.js';

const CITIES = [
  { city: 'New York', state: 'NY', postalCode: '10012', country: 'US' },
  { city: 'Paris', postalCode: '75009', country: 'FR' },
  { city: 'Toronto', state: 'ON', postalCode: 'M5V 3L9', country: 'CA' },
  { city: 'Sydney', state: 'NSW', postalCode: '2000', country: 'AU' },
  { city: 'Milano', postalCode: '20121', country: 'IT' },
  { city: 'Hong Kong', country: 'HK' },
] as const;

/** A valid customer, deterministic for a given number, with a shipping address on even numbers (or always). */
export const makeCustomer = (n: number, options: { alwaysShipping?: boolean } = {}): Customer => {
  const place = CITIES[n % CITIES.length]!;
  const code = `C${String(n).padStart(7, '0')}`;
  const customer: Customer = {
    customerCode: code,
    customerName: `Boutique ${n}`,
    email: `buyer${n}@shop.example`,
    phone: '+1 212 555 0101',
    currency: 'USD',
    priceLabel: 'Wholesale USD',
    paymentTermsCode: 'NET30',
    salesRepCode: 'REP01',
    customerGroupCode: 'BOUTIQUE',
    billing: { addressName: `Boutique ${n} HQ`, address1: `${n} Spring Street`, ...place },
    shipping: [],
  };
  if (options.alwaysShipping || n % 2 === 0) {
    customer.shipping.push({
      addressCode: 'MAIN',
      addressName: `Boutique ${n} store`,
      address1: `${n} Main Street`,
      address2: 'Dock 4',
      ...place,
    });
  }
  return customer;
};

/** `count` customers from number `from` on, each passed through `edit` (a renamed list, new emails…). */
export const makeCustomers = (
  from: number,
  count: number,
  edit: (customer: Customer) => Customer = (customer) => customer,
): Customer[] => Array.from({ length: count }, (_, k) => edit(makeCustomer(from + k)));
