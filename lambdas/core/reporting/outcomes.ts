import type { SyncReport } from './SyncReport.js';

/** One part of the file's customers by what happened to them, for the picture and its legend. */
export interface Outcome {
  key: 'synced_new' | 'synced_changed' | 'unchanged' | 'rejected' | 'failed' | 'held_back';
  label: string;
  count: number;
  colour: string;
}

/** Customers rejected in the file: distinct codes among the rejected rows. */
export const rejectedCustomersOf = (report: SyncReport): number =>
  new Set(report.rejected.map((r) => r.customerCode).filter(Boolean)).size;

/**
 * The file's customers by outcome, in the order a person reads them: what reached JOOR, what did not need to, what
 * needs a fix, what JOOR refused, what was held back. Every customer is in exactly one part.
 */
export const outcomesOf = (report: SyncReport): Outcome[] => {
  const { counts } = report;
  const rejected = rejectedCustomersOf(report);
  // A dry run sends nothing: what it would send is held back, as a refused file's customers are.
  const heldBack = report.refusal
    ? Math.max(0, counts.customers - rejected)
    : report.dryRun
      ? counts.new + counts.changed
      : 0;
  const acceptedNew = counts.acceptedNew ?? 0;
  return [
    { key: 'synced_new', label: 'Synced, new', count: acceptedNew, colour: '#1b7f3b' },
    {
      key: 'synced_changed',
      label: counts.acceptedNew === undefined ? 'Synced' : 'Synced, changed',
      count: counts.accepted - acceptedNew,
      colour: '#5fb878',
    },
    { key: 'unchanged', label: 'Unchanged', count: report.refusal ? 0 : counts.unchanged, colour: '#9aa5b1' },
    { key: 'rejected', label: 'Need a fix', count: rejected, colour: '#d97706' },
    { key: 'failed', label: 'Failed in JOOR', count: counts.failed, colour: '#b42318' },
    {
      key: 'held_back',
      label: report.dryRun && !report.refusal ? 'Would be sent (dry run)' : 'Held back',
      count: heldBack,
      colour: '#6b4fbb',
    },
  ];
};
