import { formatCount } from '../formatCount.js';
import { escapeControls } from './escape.js';
import { headlineOf } from './headline.js';
import { outcomesOf } from './outcomes.js';
import { type ReportSection, reportSections } from './reportSections.js';
import type { SyncReport } from './SyncReport.js';
import { summaryRows } from './summaryRows.js';

/** A section in words: its title, its items indented (a customer's under its name), and where the rest is. */
const sectionLines = (section: ReportSection): string[] => {
  const { body } = section;
  const lines = ['', section.textTitle];
  if (body.kind === 'codes') {
    lines.push(`  ${body.codes.join(', ')}${section.total > body.codes.length ? ', …' : ''}`);
    return lines;
  }
  let shown = 0;
  if (body.kind === 'table') {
    lines.push(...body.rows.map((row) => `  ${row.line}`));
    shown = body.rows.length;
  } else
    for (const group of body.groups) {
      lines.push(`  ${group.title}`, ...(group.note ? [`    ${group.note}`] : []));
      lines.push(...group.rows.map((row) => `    ${row.line}`));
      shown += body.counts === 'rows' ? group.rows.length : 1;
    }
  if (section.total > shown)
    lines.push(
      section.rest === 'csv'
        ? `  … the attached CSV lists all ${section.total}`
        : `  … and ${section.total - shown} more (the report stored with the run lists all)`,
    );
  return lines;
};

/**
 * The plain-text part of the email (and what a terminal shows): the same parts as the HTML, in words. Values from the
 * file are in it, so its terminal controls are written out (escapeControls): `cat report.txt` runs none of them.
 */
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
  for (const section of reportSections(report, bodyRowLimit)) lines.push(...sectionLines(section));
  lines.push('', ...report.notes);
  return escapeControls(`${lines.join('\n')}\n`);
};
