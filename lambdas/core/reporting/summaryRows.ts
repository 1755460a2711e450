import { formatCount } from '../formatCount.js';
import { formatDuration, formatReportTime } from './formatTime.js';
import type { SyncReport } from './SyncReport.js';

/**
 * The summary lines shared by the HTML and text renderings, in reading order: the file, its times in the tenant's
 * zone, the counts that always mean something (rows, customers, synced), and the other counts only when not zero.
 * Every count, zero or not, stays in the JSON and the CSV.
 */
export const summaryRows = (report: SyncReport): [string, string][] => {
  const { counts, file } = report;
  const took = Date.parse(file.finishedAt) - Date.parse(file.receivedAt);
  const optional: [string, number][] = [
    ['New', counts.new],
    ['Changed', counts.changed],
    ['Unchanged (not sent)', counts.unchanged],
    ['Rejected rows', counts.rejectedRows],
    ['Sent to JOOR', counts.sent],
    ['Failed in JOOR', counts.failed],
    ['Missing compared with the last file', counts.missing],
    ['Superseded files', counts.superseded],
    ['Rows held back', counts.quarantinedRows],
  ];
  return [
    ['File', `${file.name} (${formatCount(file.bytes)} bytes)`],
    ['Received', formatReportTime(file.receivedAt, report.timeZone)],
    [
      'Finished',
      `${formatReportTime(file.finishedAt, report.timeZone)}${took >= 0 ? `, after ${formatDuration(took)}` : ''}`,
    ],
    ['JOOR environment', report.environment === 'production' ? 'Production' : 'Sandbox'],
    ['Rows read', formatCount(counts.rows)],
    ['Customers in file', formatCount(counts.customers)],
    ['Accepted by JOOR', formatCount(counts.accepted)],
    ...optional
      .filter(([, count]) => count > 0)
      .map(([label, count]): [string, string] => [label, formatCount(count)]),
  ];
};
