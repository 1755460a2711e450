import { boundEcho, MAX_MESSAGE_CHARS } from '../echo.js';
import { formatCount } from '../formatCount.js';
import { groupByCustomer, problemText } from './fixList.js';
import { headlineOf } from './headline.js';
import { outcomesOf } from './outcomes.js';
import { fixFor } from './problemFixes.js';
import type { SyncReport } from './SyncReport.js';
import { summaryRows } from './summaryRows.js';

/** The plain-text part of the email (and what a terminal shows): the same parts as the HTML, in words. */
export const renderReportText = (report: SyncReport, bodyRowLimit: number): string => {
  const lines = [
    `${report.status === 'success' ? 'Success' : 'Error'}: ${report.tenantName}`,
    '',
    headlineOf(report).text,
    '',
  ];
  const outcomes = outcomesOf(report).filter((o) => o.count > 0);
  if (outcomes.length > 0)
    lines.push(`Customers: ${outcomes.map((o) => `${o.label} ${formatCount(o.count)}`).join(' · ')}`, '');
  if (report.refusal) lines.push(`The file was not synced: ${report.refusal.message}`, '');
  const rows = summaryRows(report);
  const width = Math.max(...rows.map(([label]) => label.length));
  lines.push(...rows.map(([label, value]) => `${label.padEnd(width)}  ${value}`));
  if (report.rejected.length > 0) {
    lines.push('', `What to fix in the ERP (${report.rejected.length} problems):`);
    let shown = 0;
    outer: for (const group of groupByCustomer(report.rejected)) {
      lines.push(
        `  ${group.customerCode || '(no customer code)'}${group.customerName ? ` — ${group.customerName}` : ''}`,
      );
      for (const r of group.problems) {
        if (shown >= bodyRowLimit) break outer;
        lines.push(`    line ${r.line}  ${problemText(r, 60)}  → ${fixFor(r.code)}`);
        shown += 1;
      }
    }
    if (report.rejected.length > shown)
      lines.push(`  … the attached CSV lists all ${report.rejected.length}`);
  }
  if (report.failures.length > 0) {
    lines.push('', `Failed in JOOR (${report.failures.length}), sent again with the next file:`);
    for (const f of report.failures.slice(0, bodyRowLimit))
      lines.push(`  ${f.customerCode}  ${f.code}  ${boundEcho(f.message, MAX_MESSAGE_CHARS)}`);
    if (report.failures.length > bodyRowLimit)
      lines.push(`  … the attached CSV lists all ${report.failures.length}`);
  }
  const missing = report.missing ?? [];
  if (missing.length > 0) {
    lines.push('', `Missing compared with the last file (${missing.length}), kept in JOOR:`);
    lines.push(`  ${missing.slice(0, bodyRowLimit).join(', ')}${missing.length > bodyRowLimit ? ', …' : ''}`);
  }
  if (report.superseded.length > 0) {
    lines.push(
      '',
      'Superseded files (replaced by this newer full list):',
      ...report.superseded.slice(0, bodyRowLimit).map((s) => `  ${s.file} (received ${s.receivedAt})`),
      ...(report.superseded.length > bodyRowLimit
        ? [
            `  … and ${report.superseded.length - bodyRowLimit} more (the report stored with the run lists all)`,
          ]
        : []),
    );
  }
  const refusedFiles = report.refusedFiles ?? [];
  if (refusedFiles.length > 0) {
    lines.push(
      '',
      `Refused files (${refusedFiles.length}), not processed:`,
      ...refusedFiles
        .slice(0, bodyRowLimit)
        .map((f) => `  ${f.file} (received ${f.receivedAt}): ${f.message}`),
      ...(refusedFiles.length > bodyRowLimit
        ? [`  … and ${refusedFiles.length - bodyRowLimit} more (the report stored with the run lists all)`]
        : []),
    );
  }
  lines.push('', ...report.notes);
  return `${lines.join('\n')}\n`;
};
