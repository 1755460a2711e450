import type { SyncReport } from './SyncReport.js';

/** The summary lines shared by the HTML and text renderings, in reading order. */
export const summaryRows = (report: SyncReport): [string, string][] => {
  const { counts, file } = report;
  return [
    ['File', file.name],
    ['Size', `${file.bytes.toLocaleString('en-US')} bytes`],
    ['Received', file.receivedAt],
    ['Finished', file.finishedAt],
    ['JOOR environment', report.environment === 'production' ? 'Production' : 'Sandbox'],
    ['Rows read', String(counts.rows)],
    ['Customers in file', String(counts.customers)],
    ['New', String(counts.new)],
    ['Changed', String(counts.changed)],
    ['Unchanged (not sent)', String(counts.unchanged)],
    ['Rejected rows', String(counts.rejectedRows)],
    ['Sent to JOOR', String(counts.sent)],
    ['Accepted by JOOR', String(counts.accepted)],
    ['Failed in JOOR', String(counts.failed)],
    ['Missing compared with the last file', String(counts.missing)],
    ['Superseded files', String(counts.superseded)],
    ['Rows held back (quarantined)', String(counts.quarantinedRows)],
  ];
};
