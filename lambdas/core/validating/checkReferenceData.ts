import type { ReferenceData, TenantConfig } from '../config/index.js';
import type { CustomerField } from '../fields.js';
import type { Problem } from './Problem.js';
import type { ValidCustomerPart } from './rowSchema.js';
import { indexValueRules, type ValueRules } from './valueRules.js';

/** The tenant's reference data as lookups; a list the tenant did not give is `undefined` and left unchecked. */
export interface ReferenceIndex {
  priceTypes?: ReadonlySet<string>;
  codes: Partial<Record<CustomerField, { set: ReadonlySet<string>; what: string }>>;
  salesRepEmails?: ReadonlyMap<string, string>;
  /** The tenant's strict value tables, and the code fields whose unknown values are counted. */
  values: ValueRules;
}

const priceTypeKey = (currency: string, label: string): string => `${currency.toUpperCase()}\u0000${label}`;

/** Builds the lookups once per file, with the tenant's value tables when given. */
export const indexReferenceData = (
  data: ReferenceData | undefined,
  tables?: Pick<TenantConfig, 'valueMaps' | 'strictValues'>,
): ReferenceIndex => {
  const codeSet = (values: string[] | undefined, what: string) =>
    values ? { set: new Set(values), what } : undefined;
  const codes: ReferenceIndex['codes'] = {};
  const add = (field: CustomerField, entry: { set: ReadonlySet<string>; what: string } | undefined) => {
    if (entry) codes[field] = entry;
  };
  add('payment_terms_code', codeSet(data?.paymentTerms, 'payment terms code'));
  add('shipping_method_code', codeSet(data?.shippingMethods, 'shipping method code'));
  add('warehouse_code', codeSet(data?.warehouses, 'warehouse code'));
  add('customer_group_code', codeSet(data?.customerGroups, 'customer group code'));
  add('company_number', codeSet(data?.companyNumbers, 'company number'));
  add(
    'sales_rep_code',
    codeSet(
      data?.salesReps?.map((rep) => rep.code),
      'sales rep code',
    ),
  );
  return {
    priceTypes: data?.priceTypes
      ? new Set(data.priceTypes.map((p) => priceTypeKey(p.currency, p.label)))
      : undefined,
    codes,
    salesRepEmails: data?.salesReps
      ? new Map(data.salesReps.map((rep) => [rep.code, rep.email.toLowerCase()]))
      : undefined,
    values: indexValueRules({
      referenceData: data,
      valueMaps: tables?.valueMaps ?? {},
      strictValues: tables?.strictValues ?? [],
    }),
  };
};

/** Codes of one row checked against the tenant's reference data (SPEC §1: they must exist in the JOOR account). */
export const checkReferenceData = (row: ValidCustomerPart, index: ReferenceIndex): Problem[] => {
  const problems: Problem[] = [];
  if (index.priceTypes && !index.priceTypes.has(priceTypeKey(row.currency, row.price_label))) {
    problems.push({
      field: 'price_label',
      value: row.price_label,
      code: 'unknown_price_type',
      message: `with currency ${row.currency} is not a price type configured in JOOR for this brand`,
    });
  }
  for (const [field, entry] of Object.entries(index.codes) as [
    CustomerField,
    { set: ReadonlySet<string>; what: string },
  ][]) {
    const value = row[field];
    if (value !== undefined && !entry.set.has(value)) {
      problems.push({
        field,
        value,
        code: 'unknown_code',
        message: `is not a ${entry.what} configured in JOOR for this brand`,
      });
    }
  }
  const repEmail =
    row.sales_rep_code === undefined ? undefined : index.salesRepEmails?.get(row.sales_rep_code);
  if (
    repEmail !== undefined &&
    row.sales_rep_email !== undefined &&
    row.sales_rep_email.toLowerCase() !== repEmail
  ) {
    problems.push({
      field: 'sales_rep_email',
      value: row.sales_rep_email,
      code: 'sales_rep_email_mismatch',
      message: `does not match the email of sales rep ${row.sales_rep_code} in JOOR`,
    });
  }
  return problems;
};
