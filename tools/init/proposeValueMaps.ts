import type { ReferenceData } from '../../lambdas/core/config/index.js';
import type { CanonicalField } from '../../lambdas/core/index.js';
import { matchValue } from '../../lambdas/core/mapping/index.js';
import type { AccountListName, AccountLists } from '../joorAccount/readAccountLists.js';

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
    // One option per code: a price type's label stands once for each of its currencies.
    const options = [...new Map(items.map((item) => [item.code, item])).values()].map((item) => ({
      code: item.code,
      ...(item.name ? { label: item.name } : {}),
    }));
    for (const [value, rows] of countValues(fieldValues)) {
      if (codes.has(value)) continue;
      // The matching the pipeline's value tables are proposed with (#27): by code, label, then closeness.
      const match = matchValue(value, options);
      proposal.lacking.push({
        field,
        value,
        rows,
        ...(match ? { proposed: match.code, how: match.by } : {}),
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
