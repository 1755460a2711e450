import type * as v from 'valibot';
import type { CanonicalField, MappedRow } from '../fields.js';
import { checkCountryRules } from './checkCountryRules.js';
import { checkReferenceData, type ReferenceIndex } from './checkReferenceData.js';
import { CURRENCY_CODES, toCurrencyCode } from './currencies.js';
import { customerTextOf } from './customerText.js';
import { toCountryCode } from './geography.js';
import type { Problem } from './Problem.js';
import {
  CHECK_CODES,
  ISSUE_CODES,
  parseAddressPart,
  parseCustomerPart,
  type ValidCustomerPart,
  type ValidRow,
} from './rowSchema.js';
import type { UnknownValues } from './UnknownValues.js';
import { checkStrictValues, type TrackedField } from './valueRules.js';

export type RowValidation = { ok: true; row: ValidRow } | { ok: false; problems: Problem[] };
export type RowValidator = (mapped: MappedRow) => RowValidation;

/** Values of the customer part that no table and no reference list knows, as field and value. */
type Unknown = readonly (readonly [string, string])[];
type CustomerPartResult = ({ customer: ValidCustomerPart; text: string } | { problems: Problem[] }) & {
  unknown: Unknown;
};

const NOTHING_UNKNOWN: Unknown = [];
/** Shared by every row without a strict problem: never written to. */
const NO_PROBLEMS: readonly Problem[] = [];

const unknownValuesOf = (mapped: MappedRow, tracked: readonly TrackedField[]): Unknown => {
  let unknown: [string, string][] | undefined;
  for (const { field, known } of tracked) {
    const value = mapped[field];
    if (value === undefined || known.has(value)) continue;
    unknown ??= [];
    unknown.push([field, value]);
  }
  return unknown ?? NOTHING_UNKNOWN;
};

/**
 * Reads a currency written as a symbol or name as its ISO code, in place, with the row's country (`$` in Canada is
 * CAD): before the customer part is compared with the previous row's, so that both hold the code. A value already
 * a code costs one lookup.
 */
const normaliseCurrency = (mapped: MappedRow): void => {
  const currency = mapped.currency;
  if (currency === undefined || CURRENCY_CODES.has(currency)) return;
  const country = mapped.country === undefined ? undefined : toCountryCode(mapped.country);
  mapped.currency = toCurrencyCode(currency, country) ?? currency;
};

/** Problems of a row, without those on a field whose value its strict table does not know (that one says it all). */
const withoutShadowed = (problems: Problem[], strictProblems: readonly Problem[]): Problem[] => {
  if (strictProblems.length === 0) return problems;
  const unmapped = new Set(strictProblems.map((problem) => problem.field));
  return [...strictProblems, ...problems.filter((problem) => !unmapped.has(problem.field))];
};

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
 * reference data, its address by the schema and the country's rules, its strict fields by their value tables; every
 * problem is returned, not only the first. Rows of one customer usually follow each other and repeat the customer's
 * fields: the customer part of a row equal to the previous row's is not validated again, its result is reused.
 * With `unknown`, each row's code values that no table and no reference list knows are counted there.
 */
export const createRowValidator = (reference: ReferenceIndex, unknown?: UnknownValues): RowValidator => {
  const { strict, tracked } = reference.values;
  let previous: MappedRow | undefined;
  let previousCustomer: CustomerPartResult | undefined;

  const validateCustomerPart = (mapped: MappedRow): CustomerPartResult => {
    if (previous && previousCustomer && sameCustomerPart(previous, mapped)) return previousCustomer;
    const parsed = parseCustomerPart(mapped);
    const unknownValues = tracked.length > 0 ? unknownValuesOf(mapped, tracked) : NOTHING_UNKNOWN;
    let result: CustomerPartResult;
    if (!parsed.success) result = { problems: parsed.issues.map(toProblem), unknown: unknownValues };
    else {
      const problems = checkReferenceData(parsed.output, reference);
      result =
        problems.length > 0
          ? { problems, unknown: unknownValues }
          : { customer: parsed.output, text: customerTextOf(parsed.output), unknown: unknownValues };
    }
    previous = mapped;
    previousCustomer = result;
    return result;
  };

  return (mapped) => {
    normaliseCurrency(mapped);
    const customer = validateCustomerPart(mapped);
    if (unknown) for (const [field, value] of customer.unknown) unknown.count(field, value);
    const strictProblems = strict.length > 0 ? checkStrictValues(mapped, strict) : NO_PROBLEMS;
    const parsed = parseAddressPart(mapped);
    const countryRules = parsed.success ? checkCountryRules(parsed.output) : undefined;
    if (
      parsed.success &&
      countryRules!.problems.length === 0 &&
      'customer' in customer &&
      strictProblems.length === 0
    ) {
      parsed.output.state = countryRules!.state;
      return {
        ok: true,
        row: { customer: customer.customer, customerText: customer.text, address: parsed.output },
      };
    }
    // The rare path: gather every problem of the row, customer part first.
    const problems = 'problems' in customer ? [...customer.problems] : [];
    if (!parsed.success) problems.push(...parsed.issues.map(toProblem));
    else problems.push(...countryRules!.problems);
    return { ok: false, problems: withoutShadowed(problems, strictProblems) };
  };
};
