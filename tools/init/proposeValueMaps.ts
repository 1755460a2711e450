import type { ReferenceData } from '../../lambdas/core/config/index.js';
import type { CanonicalField } from '../../lambdas/core/fields.js';
import type { AccountItem, AccountListName, AccountLists } from './readAccountLists.js';
import { words } from './words.js';

/** The code fields JOOR keeps a reference list for, and that list. */
export const CODE_FIELD_LISTS: Partial<Record<CanonicalField, AccountListName>> = {
  price_label: 'priceTypes',
  payment_terms_code: 'paymentTerms',
  shipping_method_code: 'shippingMethods',
  sales_rep_code: 'salesReps',
  warehouse_code: 'warehouses',
  customer_group_code: 'customerGroups',
  company_number: 'companyNumbers',
};

/** A value of the file that the account lacks, and the account's code proposed for it, with how it was found. */
export interface LackingValue {
  field: string;
  value: string;
  rows: number;
  proposed?: string;
  how?: 'code' | 'label' | 'closeness';
}

export interface ValueMapProposal {
  valueMaps: Record<string, Record<string, string>>;
  /** Every value of the file the account lacks, proposed or not. */
  lacking: LackingValue[];
}

/** Spellings at least this alike (1 − edit distance / length) are close, when no other code is nearly as close. */
const CLOSE = 0.6;
const CLOSE_MARGIN = 0.1;

const key = (text: string): string => words(text).join('');
const digitsOf = (text: string): string => (text.match(/\d+/g) ?? []).join(' ');

const editDistance = (a: string, b: string): number => {
  let previous = Array.from({ length: b.length + 1 }, (_, k) => k);
  for (let i = 1; i <= a.length; i += 1) {
    const current = [i];
    for (let j = 1; j <= b.length; j += 1)
      current[j] = Math.min(
        previous[j]! + 1,
        current[j - 1]! + 1,
        previous[j - 1]! + (a[i - 1] === b[j - 1] ? 0 : 1),
      );
    previous = current;
  }
  return previous[b.length]!;
};

const likeness = (a: string, b: string): number =>
  a.length + b.length === 0 ? 1 : 1 - editDistance(a, b) / Math.max(a.length, b.length);

/** The account's code for a file value: the same code spelt otherwise, a name (label), or the one close code. */
export const matchValue = (
  value: string,
  items: readonly AccountItem[],
): { code: string; how: 'code' | 'label' | 'closeness' } | undefined => {
  const k = key(value);
  const byCode = items.find((item) => key(item.code) === k);
  if (byCode) return { code: byCode.code, how: 'code' };
  const byName = items.find((item) => item.name !== undefined && key(item.name) === k);
  if (byName) return { code: byName.code, how: 'label' };
  const digits = digitsOf(value);
  if (digits) {
    const same = items.filter(
      (item) => digitsOf(item.code) === digits || (item.name && digitsOf(item.name) === digits),
    );
    if (same.length === 1) return { code: same[0]!.code, how: 'closeness' };
  }
  const ranked = items
    .map((item) => ({
      item,
      score: Math.max(likeness(k, key(item.code)), item.name ? likeness(k, key(item.name)) : 0),
    }))
    .sort((a, b) => b.score - a.score);
  const [best, next] = ranked;
  if (best && best.score >= CLOSE && (!next || next.score < best.score - CLOSE_MARGIN))
    return { code: best.item.code, how: 'closeness' };
  return undefined;
};

const countValues = (values: readonly string[]): Map<string, number> => {
  const counts = new Map<string, number>();
  for (const raw of values) {
    const value = raw.trim();
    if (value) counts.set(value, (counts.get(value) ?? 0) + 1);
  }
  return counts;
};

/**
 * Proposes `valueMaps` for the file's code columns whose values differ from the account's codes (matched by code,
 * label or closeness), and lists every value the account lacks, the unmatched ones for a person to fill. Currencies
 * the account has no price type in are listed too.
 *
 * @param values each placed field's values in the file's sample
 */
export const proposeValueMaps = (
  values: ReadonlyMap<CanonicalField, readonly string[]>,
  account: AccountLists,
): ValueMapProposal => {
  const proposal: ValueMapProposal = { valueMaps: {}, lacking: [] };
  for (const [field, list] of Object.entries(CODE_FIELD_LISTS) as [CanonicalField, AccountListName][]) {
    const items = account.lists[list];
    const fieldValues = values.get(field);
    if (!items || !fieldValues) continue;
    const codes = new Set(items.map((item) => item.code));
    for (const [value, rows] of countValues(fieldValues)) {
      if (codes.has(value)) continue;
      const match = matchValue(value, items);
      proposal.lacking.push({
        field,
        value,
        rows,
        ...(match ? { proposed: match.code, how: match.how } : {}),
      });
      if (match) proposal.valueMaps[field] = { ...proposal.valueMaps[field], [value]: match.code };
    }
  }
  const currencies = account.lists.priceTypes?.map((p) => p.currency?.toUpperCase()).filter(Boolean);
  const fileCurrencies = values.get('currency');
  if (currencies && currencies.length > 0 && fileCurrencies) {
    for (const [value, rows] of countValues(fileCurrencies))
      if (!currencies.includes(value.toUpperCase()))
        proposal.lacking.push({ field: 'currency', value, rows });
  }
  return proposal;
};

/** The account's lists as a tenant's `referenceData`: only the lists JOOR gave and that hold something. */
export const referenceDataOf = (account: AccountLists): ReferenceData | undefined => {
  const { lists } = account;
  const codes = (name: AccountListName) => {
    const items = lists[name];
    return items && items.length > 0 ? { [name]: items.map((item) => item.code) } : {};
  };
  const priceTypes = (lists.priceTypes ?? []).flatMap((p) =>
    p.currency ? [{ currency: p.currency, label: p.code }] : [],
  );
  const salesReps = (lists.salesReps ?? []).flatMap((r) =>
    r.email ? [{ code: r.code, email: r.email }] : [],
  );
  const data: ReferenceData = {
    ...(priceTypes.length > 0 ? { priceTypes } : {}),
    ...codes('paymentTerms'),
    ...codes('shippingMethods'),
    ...(salesReps.length > 0 ? { salesReps } : {}),
    ...codes('warehouses'),
    ...codes('customerGroups'),
    ...codes('companyNumbers'),
  };
  return Object.keys(data).length > 0 ? data : undefined;
};
