import type { EmulatorProfile } from './types.js';

type Connection = Record<string, unknown>;

const without = (object: unknown, key: string): Connection | undefined => {
  if (typeof object !== 'object' || object === null) return undefined;
  const { [key]: _dropped, ...rest } = object as Connection;
  return rest;
};

/**
 * A valid connection as the profile's JOOR stores it: each open point kept in one form only and the other dropped
 * without a word, as a JOOR that does not know a field would (the client's report would still say "accepted"; only
 * a read-back shows the loss, which is what `joor-check --write` does).
 */
export const keptFields = (record: Connection, profile: EmulatorProfile): Connection => {
  let kept: Connection = { ...record };
  if (profile === 'nested-method-codes') {
    kept = without(without(kept, 'payment_method_code'), 'shipping_method_code')!;
  } else {
    const billing = without(kept.billing, 'payment_methods');
    const shipping = without(kept.shipping, 'shipping_methods');
    if (billing) kept.billing = billing;
    if (shipping) kept.shipping = shipping;
  }
  return without(kept, profile === 'contact-email' ? 'customer_email' : 'customer_contact_email')!;
};
