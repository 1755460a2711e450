import { expect } from 'vitest';
import { rejectedCustomersOf } from '../../lambdas/core/reporting/index.js';
import type { SyncReport } from '../../lambdas/core/reporting/SyncReport.js';

/**
 * Nothing lost: every valid customer is accepted, unchanged or failed (or, in a dry run, would be sent); every other
 * row was rejected or held back.
 */
export const expectEverythingAccountedFor = (report: SyncReport) => {
  const { counts } = report;
  const rejectedCustomers = rejectedCustomersOf(report);
  if (report.refusal) {
    expect(counts.sent + counts.accepted + counts.failed).toBe(0);
    expect(counts.quarantinedRows + counts.rejectedRows).toBe(counts.rows);
    return;
  }
  expect(counts.new + counts.changed + counts.unchanged + rejectedCustomers).toBe(counts.customers);
  // A dry run sends nothing: its new and changed customers are what would have been sent.
  if (report.dryRun) {
    expect(counts.sent + counts.accepted + counts.failed).toBe(0);
    return;
  }
  expect(counts.accepted + counts.failed).toBe(counts.new + counts.changed);
  expect(new Set(report.failures.map((f) => f.customerCode)).size).toBe(report.failures.length);
};
