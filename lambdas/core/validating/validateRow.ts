import * as v from 'valibot';
import type { CanonicalField, MappedRow } from '../fields.js';
import { checkAddressRules } from './checkAddressRules.js';
import { checkReferenceData, type ReferenceIndex } from './checkReferenceData.js';
import type { Problem } from './Problem.js';
import { CHECK_CODES, ISSUE_CODES, RowSchema, type ValidRow } from './rowSchema.js';

export type RowValidation = { ok: true; row: ValidRow } | { ok: false; problems: Problem[] };

const toProblem = (issue: v.BaseIssue<unknown>): Problem => {
  const field = (issue.path?.[0]?.key as CanonicalField | undefined) ?? 'row';
  const code =
    issue.type === 'check'
      ? (CHECK_CODES[field as CanonicalField] ?? 'invalid_value')
      : (ISSUE_CODES[issue.type] ?? 'invalid_value');
  const value = typeof issue.input === 'string' ? issue.input : undefined;
  return value === undefined
    ? { field, code, message: issue.message }
    : { field, value, code, message: issue.message };
};

/**
 * Validates and normalises one mapped row: the schema's checks, then the country-dependent rules, then the tenant's
 * reference data. Every problem found is returned, not only the first.
 */
export const validateRow = (mapped: MappedRow, reference: ReferenceIndex): RowValidation => {
  const result = v.safeParse(RowSchema, mapped, { abortEarly: false });
  if (!result.success) return { ok: false, problems: result.issues.map(toProblem) };
  const row = result.output;
  const address = checkAddressRules(row);
  row.state = address.state;
  const problems = [...address.problems, ...checkReferenceData(row, reference)];
  return problems.length === 0 ? { ok: true, row } : { ok: false, problems };
};
