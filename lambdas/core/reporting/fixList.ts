import { boundEcho } from '../echo.js';
import type { RejectedRow } from '../types.js';

/** The problems of one customer, in line order, for the "what to fix" part of the report. */
export interface CustomerFixes {
  customerCode: string;
  customerName?: string;
  problems: RejectedRow[];
}

/** A problem as the body shows it: its message, and the value it is about when the message does not quote it. */
export const problemText = (problem: RejectedRow, valueChars: number): string =>
  problem.value && !problem.message.includes(problem.value)
    ? `${problem.message} (value: "${boundEcho(problem.value, valueChars)}")`
    : problem.message;

/**
 * Rejected rows grouped by customer, customers in the order of their first problem's line; rows without a customer
 * code (a line the reader could not cut into fields, say) form one group with an empty code.
 */
export const groupByCustomer = (rejected: RejectedRow[]): CustomerFixes[] => {
  const groups = new Map<string, CustomerFixes>();
  for (const row of [...rejected].sort((a, b) => a.line - b.line)) {
    const group = groups.get(row.customerCode) ?? { customerCode: row.customerCode, problems: [] };
    if (group.customerName === undefined && row.customerName) group.customerName = row.customerName;
    group.problems.push(row);
    groups.set(row.customerCode, group);
  }
  return [...groups.values()];
};
