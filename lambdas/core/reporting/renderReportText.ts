import { boundEcho, MAX_MESSAGE_CHARS } from '../echo.js';
import type { SyncReport } from './SyncReport.js';
import { summaryRows } from './summaryRows.js';

/** The plain-text part of the email (and what a terminal shows). */
export const renderReportText = (report: SyncReport, bodyRowLimit: number): string => {
  const lines = [`${report.status === 'success' ? 'Success' : 'Error'}: ${report.tenantName}`, ''];
  if (report.refusal) lines.push(`The file was not synced: ${report.refusal.message}`, '');
  const rows = summaryRows(report);
  const width = Math.max(...rows.map(([label]) => label.length));
  lines.push(...rows.map(([label, value]) => `${label.padEnd(width)}  ${value}`));
  if (report.rejected.length > 0) {
    lines.push('', `Rejected rows (${report.rejected.length}):`);
    for (const r of report.rejected.slice(0, bodyRowLimit))
      lines.push(`  line ${r.line}  ${r.customerCode || '(no code)'}  ${r.message}`);
    if (report.rejected.length > bodyRowLimit)
      lines.push(`  … the attached CSV lists all ${report.rejected.length}`);
  }
  if (report.failures.length > 0) {
    lines.push('', `Failed in JOOR (${report.failures.length}):`);
    for (const f of report.failures.slice(0, bodyRowLimit))
      lines.push(`  ${f.customerCode}  ${f.code}  ${boundEcho(f.message, MAX_MESSAGE_CHARS)}`);
    if (report.failures.length > bodyRowLimit)
      lines.push(`  … the attached CSV lists all ${report.failures.length}`);
  }
  if (report.superseded.length > 0) {
    lines.push(
      '',
      'Superseded files (replaced by this newer full list):',
      ...report.superseded.map((s) => `  ${s.file} (received ${s.receivedAt})`),
    );
  }
  lines.push('', ...report.notes);
  return `${lines.join('\n')}\n`;
};
