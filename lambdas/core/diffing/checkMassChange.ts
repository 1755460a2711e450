import { formatCount } from '../formatCount.js';
import type { FileRefusal } from '../types.js';
import type { ChangedCustomer } from './syncedFields.js';

/** The field a file changes for the most known customers (a shipping field counted once per customer). */
export interface MassChange {
  /** The field as changes name it, a shipping address's code left out: `price_label`, `shipping.city`. */
  field: string;
  /** The field in words, for the headline: "price type", "shipping city". */
  label: string;
  customers: number;
  /** Customers in the synced state before this file. */
  known: number;
}

/** Above this share of known customers, the headline says the file changed that field for most of them. */
export const MASS_CHANGE_NOTICE_SHARE = 0.5;

/** Fields whose name in words is not just the name with spaces. */
const LABELS = new Map<string, string>([
  ['customer_name', 'name'],
  ['price_label', 'price type'],
  ['payment_terms_code', 'payment terms'],
  ['shipping_method_code', 'shipping method'],
  ['sales_rep_code', 'sales rep'],
  ['warehouse_code', 'warehouse'],
  ['customer_group_code', 'customer group'],
  ['address_code', 'address code'],
  ['address_name', 'address name'],
  ['address_1', 'address line 1'],
  ['address_2', 'address line 2'],
  ['address_3', 'address line 3'],
  ['address_phone', 'address phone'],
  ['tax_id', 'tax ID'],
]);

/** `shipping[WH2].city` → `shipping.city`: the same field of every shipping address counts as one. */
export const fieldGroupOf = (field: string): string => field.replace(/^shipping\[[^\]]*\]/, 'shipping');

/** A field in words: `price_label` → "price type", `billing.postal_code` → "billing postal code". */
export const fieldLabel = (field: string): string => {
  const group = fieldGroupOf(field);
  const dot = group.indexOf('.');
  const [prefix, name] = dot < 0 ? ['', group] : [`${group.slice(0, dot)} `, group.slice(dot + 1)];
  return `${prefix}${LABELS.get(name) ?? name.replaceAll('_', ' ')}`;
};

/** The field changed for the most customers (ties: the first seen), or undefined when nothing was compared. */
export const widestChangeOf = (changed: Iterable<ChangedCustomer>, known: number): MassChange | undefined => {
  const counts = new Map<string, number>();
  for (const customer of changed) {
    for (const group of new Set(customer.changes.map((c) => fieldGroupOf(c.field))))
      counts.set(group, (counts.get(group) ?? 0) + 1);
  }
  let widest: [string, number] | undefined;
  for (const entry of counts) if (!widest || entry[1] > widest[1]) widest = entry;
  return widest && known > 0
    ? { field: widest[0], label: fieldLabel(widest[0]), customers: widest[1], known }
    : undefined;
};

/** Whether the headline says so: the file changes one field for most known customers. */
export const isMassChange = (change: MassChange | undefined): change is MassChange =>
  change !== undefined && change.customers / change.known > MASS_CHANGE_NOTICE_SHARE;

/** "price type changed for 9,812 of 10,000 customers" */
export const massChangeText = (change: MassChange): string =>
  `${change.label} changed for ${formatCount(change.customers)} of ${formatCount(change.known)} customers`;

/**
 * Quarantines a file that changes one field for more than `threshold` of the known customers, when the tenant set
 * one (`massChangeThreshold`): a column mapped wrongly in the ERP's export looks exactly like that. The twin of
 * checkMassDrop.
 */
export const checkMassChange = (
  change: MassChange | undefined,
  threshold: number | undefined,
): FileRefusal | undefined => {
  if (threshold === undefined || change === undefined) return undefined;
  const share = change.customers / change.known;
  if (share <= threshold) return undefined;
  const percent = (value: number) => `${Math.round(value * 1000) / 10}%`;
  return {
    code: 'mass_change',
    message: `The file changes the ${change.label} of ${formatCount(change.customers)} of ${formatCount(change.known)} known customers (${percent(share)}), more than the ${percent(threshold)} allowed: nothing was sent to JOOR. Check the column the ERP exports as ${change.field}, or raise the tenant's massChangeThreshold if the change is intended.`,
  };
};
