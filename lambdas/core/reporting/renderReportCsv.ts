import { csvCell } from './escape.js';
import type { SyncReport } from './SyncReport.js';

const HEADER = ['kind', 'line', 'customer_code', 'field', 'value', 'code', 'message'];

/** Every rejected row and every JOOR failure, in full, as the CSV attachment (CRLF, as spreadsheets expect). */
export const renderReportCsv = (report: SyncReport): string => {
  const lines = [HEADER.map(csvCell).join(',')];
  for (const row of report.rejected) {
    lines.push(
      ['rejected', row.line, row.customerCode, row.field, row.value, row.code, row.message]
        .map(csvCell)
        .join(','),
    );
  }
  for (const failure of report.failures) {
    lines.push(
      ['failed_in_joor', '', failure.customerCode, '', '', failure.code, failure.message]
        .map(csvCell)
        .join(','),
    );
  }
  return `${lines.join('\r\n')}\r\n`;
};
