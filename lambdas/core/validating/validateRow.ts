import type * as v from 'valibot';
import type { CanonicalField, MappedRow } from '../fields.js';
import { checkAddressRules } from './checkAddressRules.js';
import { checkReferenceData, type ReferenceIndex } from './checkReferenceData.js';
import { customerKeyOf } from './customerKey.js';
import type { Problem } from './Problem.js';
import {
  CHECK_CODES,
  ISSUE_CODES,
  parseAddressPart,
  parseCustomerPart,
  type ValidCustomerPart,
  type ValidRow,
} from './rowSchema.js';

export type RowValidation = { ok: true; row: ValidRow } | { ok: false; problems: Problem[] };
export type RowValidator = (mapped: MappedRow) => RowValidation;

type CustomerPartResult = { customer: ValidCustomerPart; key: string } | { problems: Problem[] };

const toProblem = ({ field, issue }: { field: CanonicalField; issue: v.BaseIssue<unknown> }): Problem => {
  const code =
    issue.type === 'check'
      ? // Fields without a check of their own are checked only for length (rowSchema's `capped`).
        (CHECK_CODES[field] ?? 'too_long')
      : (ISSUE_CODES[issue.type] ?? 'invalid_value');
  const value = typeof issue.input === 'string' ? issue.input : undefined;
  return value === undefined
    ? { field, code, message: issue.message }
    : { field, value, code, message: issue.message };
};

/** Written out, not a loop over names: loads by computed name are slow lookups, and this runs on every row. */
const sameCustomerPart = (a: MappedRow, b: MappedRow): boolean =>
  a.customer_code === b.customer_code &&
  a.customer_name === b.customer_name &&
  a.email === b.email &&
  a.phone === b.phone &&
  a.currency === b.currency &&
  a.price_label === b.price_label &&
  a.payment_terms_code === b.payment_terms_code &&
  a.shipping_method_code === b.shipping_method_code &&
  a.sales_rep_code === b.sales_rep_code &&
  a.sales_rep_email === b.sales_rep_email &&
  a.warehouse_code === b.warehouse_code &&
  a.customer_group_code === b.customer_group_code &&
  a.company_number === b.company_number &&
  a.tax_id === b.tax_id &&
  a.notes === b.notes;

/**
 * Creates the validator of one file's rows. Each row's customer part is checked by the schema and the tenant's
 * reference data, its address by the schema and the country's rules; every problem is returned, not only the first.
 * Rows of one customer usually follow each other and repeat the customer's fields: the customer part of a row equal
 * to the previous row's is not validated again, its result is reused.
 */
export const createRowValidator = (reference: ReferenceIndex): RowValidator => {
  let previous: MappedRow | undefined;
  let previousCustomer: CustomerPartResult | undefined;

  const validateCustomerPart = (mapped: MappedRow): CustomerPartResult => {
    if (previous && previousCustomer && sameCustomerPart(previous, mapped)) return previousCustomer;
    const parsed = parseCustomerPart(mapped);
    let result: CustomerPartResult;
    if (!parsed.success) result = { problems: parsed.issues.map(toProblem) };
    else {
      const problems = checkReferenceData(parsed.output, reference);
      result =
        problems.length > 0 ? { problems } : { customer: parsed.output, key: customerKeyOf(parsed.output) };
    }
    previous = mapped;
    previousCustomer = result;
    return result;
  };

  return (mapped) => {
    const customer = validateCustomerPart(mapped);
    const parsed = parseAddressPart(mapped);
    const rules = parsed.success ? checkAddressRules(parsed.output) : undefined;
    if (parsed.success && rules!.problems.length === 0 && 'customer' in customer) {
      parsed.output.state = rules!.state;
      return {
        ok: true,
        row: { customer: customer.customer, customerKey: customer.key, address: parsed.output },
      };
    }
    // The rare path: gather every problem of the row, customer part first.
    const problems = 'problems' in customer ? [...customer.problems] : [];
    if (!parsed.success) problems.push(...parsed.issues.map(toProblem));
    else problems.push(...rules!.problems);
    return { ok: false, problems };
  };
};
