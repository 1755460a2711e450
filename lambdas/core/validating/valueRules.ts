import type { ReferenceData, TenantConfig, ValueMapField } from '../config/index.js';
import type { MappedRow } from '../fields.js';
import type { Problem } from './Problem.js';

/** A field in the tenant's `strictValues`: its value must be one its table knows. */
export interface StrictRule {
  field: ValueMapField;
  /** The table's JOOR values: what a translated value became, or a value the ERP already writes as JOOR does. */
  accepted: ReadonlySet<string>;
}

/** A code field whose values are counted when neither its table nor its reference list knows them. */
export interface TrackedField {
  field: ValueMapField;
  known: ReadonlySet<string>;
}

export interface ValueRules {
  strict: readonly StrictRule[];
  tracked: readonly TrackedField[];
}

/** The code fields (and price labels), each with the reference list that knows its values. */
const REFERENCE_LISTS: readonly [ValueMapField, (data: ReferenceData) => readonly string[] | undefined][] = [
  ['payment_terms_code', (data) => data.paymentTerms],
  ['shipping_method_code', (data) => data.shippingMethods],
  ['sales_rep_code', (data) => data.salesReps?.map((rep) => rep.code)],
  ['warehouse_code', (data) => data.warehouses],
  ['customer_group_code', (data) => data.customerGroups],
  ['company_number', (data) => data.companyNumbers],
  ['price_label', (data) => data.priceTypes?.map((type) => type.label)],
];

/**
 * The tenant's value tables as checks: the strict fields with what they accept, and the code fields whose unknown
 * values are counted (those the tenant gives a table or a reference list for: a field with neither is not checked,
 * and counting its every value would bury the ones a table misses).
 */
export const indexValueRules = (
  tenant: Pick<TenantConfig, 'referenceData' | 'valueMaps' | 'strictValues'> | undefined,
): ValueRules => {
  const tables = tenant?.valueMaps ?? {};
  const joorValues = (field: ValueMapField): string[] => Object.values(tables[field] ?? {});
  const strict = (tenant?.strictValues ?? []).map((field) => ({
    field,
    accepted: new Set(joorValues(field)),
  }));
  const tracked: TrackedField[] = [];
  for (const [field, listOf] of REFERENCE_LISTS) {
    const list = tenant?.referenceData ? listOf(tenant.referenceData) : undefined;
    if (list === undefined && tables[field] === undefined) continue;
    tracked.push({ field, known: new Set([...joorValues(field), ...(list ?? [])]) });
  }
  return { strict, tracked };
};

/** The row's values that a strict field's table does not know, as problems naming the value and the table. */
export const checkStrictValues = (row: MappedRow, strict: readonly StrictRule[]): Problem[] => {
  const problems: Problem[] = [];
  for (const { field, accepted } of strict) {
    const value = row[field];
    if (value !== undefined && !accepted.has(value)) {
      problems.push({
        field,
        value,
        code: 'unmapped_value',
        message: `has no entry in the tenant's valueMaps.${field} table (${field} is in strictValues)`,
      });
    }
  }
  return problems;
};
