import { boundEcho, MAX_MESSAGE_CHARS } from '../echo.js';
import { formatCount, plural } from '../formatCount.js';
import { escapeHtml } from './escape.js';
import { groupByCustomer, problemText } from './fixList.js';
import { formatReportTime } from './formatTime.js';
import { type Headline, headlineOf, type Tone } from './headline.js';
import { type Outcome, outcomesOf } from './outcomes.js';
import { fixFor } from './problemFixes.js';
import type { SyncReport } from './SyncReport.js';
import { summaryRows } from './summaryRows.js';

/**
 * Most HTML the body may hold. Gmail clips a message body over 102 KB behind a "View entire message" link; the
 * lists stop short of this, and the attached CSV has everything.
 */
export const MAX_HTML_BYTES = 100 * 1024;
/** Room kept for the parts after the lists (notes, the closing tags). */
const TAIL_BYTES = 6 * 1024;
/** A value shown in the body: enough to recognise it; the CSV has up to 200 characters. */
const BODY_VALUE_CHARS = 60;

const FONT = 'font-family:Arial,Helvetica,sans-serif;font-size:14px;color:#1f2933;';
const CELL =
  'padding:5px 6px;border-bottom:1px solid #e4e7eb;text-align:left;vertical-align:top;word-break:break-word;';
const HEAD = `${CELL}background:#f5f7fa;font-weight:bold;`;
const TONE_COLOURS: Record<Tone, string> = { good: '#1b7f3b', mixed: '#b45309', bad: '#b42318' };

const cell = (text: string, style = CELL): string =>
  `<td style="${style}">${escapeHtml(boundEcho(text, MAX_MESSAGE_CHARS))}</td>`;

const table = (headers: string[], rows: string[][], widths: string[]): string => {
  const head = headers.some(Boolean)
    ? `<tr>${headers.map((h, k) => `<th style="${HEAD}width:${widths[k]};">${escapeHtml(h)}</th>`).join('')}</tr>`
    : '';
  // A table without column names (the summary) sets its widths on the first row instead.
  const body = rows
    .map(
      (cells, row) =>
        `<tr>${cells.map((c, k) => cell(c, head || row > 0 ? CELL : `${CELL}width:${widths[k]};`)).join('')}</tr>`,
    )
    .join('');
  return `<table width="100%" cellpadding="0" cellspacing="0" style="border-collapse:collapse;table-layout:fixed;width:100%;${FONT}">${head}${body}</table>`;
};

const section = (title: string, body: string): string =>
  `<h2 style="${FONT}font-size:16px;margin:24px 0 8px;">${escapeHtml(title)}</h2>${body}`;

const paragraph = (text: string, extra = ''): string => `<p style="${FONT}${extra}">${escapeHtml(text)}</p>`;

const more = (shown: number, total: number, what: string): string =>
  total > shown
    ? paragraph(
        `Showing ${formatCount(shown)} of ${formatCount(total)} ${what}: the attached CSV lists them all.`,
      )
    : '';

/**
 * The file as one bar of its customers by outcome, in table cells with inline colours (no images, scripts or CSS
 * classes, which Gmail, Outlook and Apple Mail treat differently), with a legend carrying the numbers.
 */
const outcomeBar = (outcomes: Outcome[]): string => {
  const read = outcomes.filter((o) => o.count > 0);
  // A file refused before any customer was read still gets its picture: one grey bar that says so.
  const shown =
    read.length > 0
      ? read
      : [{ key: 'held_back', label: 'No customer read from this file', count: 0, colour: '#9aa5b1' }];
  const total = Math.max(
    1,
    shown.reduce((sum, o) => sum + o.count, 0),
  );
  // Every part at least 1% wide, so a single rejected customer among 10,000 still shows.
  const widths = read.length > 0 ? shown.map((o) => Math.max(1, Math.round((o.count / total) * 100))) : [100];
  const cells = shown
    .map(
      (o, k) =>
        `<td width="${widths[k]}%" style="width:${widths[k]}%;background:${o.colour};height:18px;font-size:1px;line-height:1px;">&nbsp;</td>`,
    )
    .join('');
  const legend = shown
    .map(
      (o) =>
        `<tr><td style="width:14px;padding:3px 0;"><div style="width:12px;height:12px;background:${o.colour};">&nbsp;</div></td><td style="${FONT}padding:3px 6px;">${escapeHtml(o.label)}</td><td style="${FONT}padding:3px 6px;text-align:right;font-weight:bold;">${read.length > 0 ? formatCount(o.count) : ''}</td></tr>`,
    )
    .join('');
  return [
    `<table role="presentation" width="100%" cellpadding="0" cellspacing="0" style="border-collapse:collapse;width:100%;margin:12px 0 6px;"><tr>${cells}</tr></table>`,
    `<table role="presentation" cellpadding="0" cellspacing="0" style="border-collapse:collapse;">${legend}</table>`,
  ].join('');
};

/** Adds parts while the body stays under its budget; says what it left out. */
class Budget {
  private used: number;
  constructor(start: string[]) {
    this.used = Buffer.byteLength(start.join('\n'));
  }
  /** Whether `html` still fits; counts it when it does. */
  take(html: string): boolean {
    const size = Buffer.byteLength(html);
    if (this.used + size > MAX_HTML_BYTES - TAIL_BYTES) return false;
    this.used += size;
    return true;
  }
}

const fixesSection = (report: SyncReport, rowLimit: number, budget: Budget): string => {
  const groups = groupByCustomer(report.rejected);
  const rows: string[] = [];
  let shown = 0;
  outer: for (const group of groups) {
    const name = group.customerName ? ` — ${group.customerName}` : '';
    const title = `${group.customerCode || '(no customer code)'}${name}`;
    const header = `<tr><td colspan="4" style="${CELL}background:#fff7ed;font-weight:bold;">${escapeHtml(boundEcho(title, 120))}</td></tr>`;
    if (shown >= rowLimit || !budget.take(header)) break;
    rows.push(header);
    for (const problem of group.problems) {
      const row = `<tr>${cell(String(problem.line))}${cell(problem.field === 'row' ? '(row)' : problem.field)}${cell(problemText(problem, BODY_VALUE_CHARS))}${cell(fixFor(problem.code))}</tr>`;
      if (shown >= rowLimit || !budget.take(row)) break outer;
      rows.push(row);
      shown += 1;
    }
  }
  const head = ['Line', 'Field', 'Problem', 'How to fix']
    .map((h, k) => `<th style="${HEAD}width:${['9%', '17%', '44%', '30%'][k]};">${h}</th>`)
    .join('');
  const customers = groups.length;
  return section(
    `Rejected rows (${formatCount(report.rejected.length)}): what to fix in the ERP, for ${plural(customers, 'customer')}`,
    `<table width="100%" cellpadding="0" cellspacing="0" style="border-collapse:collapse;table-layout:fixed;width:100%;${FONT}"><tr>${head}</tr>${rows.join('')}</table>${more(shown, report.rejected.length, 'problems')}`,
  );
};

const listSection = (
  title: string,
  headers: string[],
  widths: string[],
  all: string[][],
  rowLimit: number,
  budget: Budget,
  what: string,
): string => {
  const rows: string[][] = [];
  for (const row of all.slice(0, rowLimit)) {
    if (!budget.take(`<tr>${row.map((c) => cell(c)).join('')}</tr>`)) break;
    rows.push(row);
  }
  return section(title, table(headers, rows, widths) + more(rows.length, all.length, what));
};

const titleBar = (report: SyncReport, headline: Headline): string => {
  const status = report.status === 'success' ? 'Success' : 'Error';
  const colour = TONE_COLOURS[report.status === 'success' ? 'good' : headline.tone];
  return [
    `<div style="background:${colour};color:#ffffff;padding:12px 16px;${FONT}font-size:18px;font-weight:bold;color:#ffffff;">${status}: ${escapeHtml(report.tenantName)}</div>`,
    `<p style="${FONT}font-size:17px;line-height:1.4;margin:14px 0 4px;border-left:4px solid ${colour};padding-left:10px;">${escapeHtml(headline.text)}</p>`,
  ].join('');
};

/**
 * The report as an HTML email: a headline that answers "did my customers get to JOOR?" with numbers, a picture of
 * the file's customers by outcome, the times in the tenant's zone, what to fix grouped by customer with how to fix
 * it, JOOR's refusals, the customers the file left out; a single 600 px column of tables with inline styles and no
 * scripts, under Gmail's clipping size. Every value from the file is escaped.
 */
export const renderReportHtml = (report: SyncReport, bodyRowLimit: number): string => {
  const headline = headlineOf(report);
  const status = report.status === 'success' ? 'Success' : 'Error';
  const head = [
    '<!DOCTYPE html><html><head><meta charset="utf-8"><meta name="viewport" content="width=device-width">',
    `<title>${status}: ${escapeHtml(report.file.name)}</title></head>`,
    '<body style="margin:0;padding:0;background:#ffffff;">',
    '<table role="presentation" width="600" cellpadding="0" cellspacing="0" align="center" style="width:100%;max-width:600px;margin:0 auto;"><tr><td style="padding:16px;">',
  ];
  const parts = [titleBar(report, headline), outcomeBar(outcomesOf(report))];
  if (report.refusal)
    parts.push(
      `<p style="${FONT}background:#fef3f2;border-left:4px solid #b42318;padding:8px 12px;margin:16px 0;">The file was not synced: ${escapeHtml(report.refusal.message)}</p>`,
    );
  parts.push(section('Summary', table(['', ''], summaryRows(report), ['55%', '45%'])));
  const budget = new Budget([...head, ...parts]);
  if (report.rejected.length > 0) parts.push(fixesSection(report, bodyRowLimit, budget));
  if (report.failures.length > 0)
    parts.push(
      listSection(
        `Failed in JOOR (${formatCount(report.failures.length)})`,
        ['Customer', "JOOR's answer", 'Next file'],
        ['22%', '53%', '25%'],
        report.failures.map((f) => [f.customerCode, f.message, 'Sent again with the next file']),
        bodyRowLimit,
        budget,
        'failures',
      ),
    );
  const missing = report.missing ?? [];
  if (missing.length > 0) {
    // Codes only (the synced state keeps no names), as one list a reader can copy into the ERP's search.
    const shown: string[] = [];
    for (const code of missing.slice(0, bodyRowLimit)) {
      if (!budget.take(`${escapeHtml(code)}, `)) break;
      shown.push(code);
    }
    parts.push(
      section(
        `Missing compared with the last file (${formatCount(missing.length)}): kept in JOOR, never deleted`,
        paragraph(shown.join(', ')) + more(shown.length, missing.length, 'customers'),
      ),
    );
  }
  if (report.superseded.length > 0)
    parts.push(
      listSection(
        'Superseded files (not processed: this newer full list replaced them)',
        ['File', 'Received'],
        ['60%', '40%'],
        report.superseded.map((s) => [s.file, formatReportTime(s.receivedAt, report.timeZone)]),
        bodyRowLimit,
        budget,
        'files',
      ),
    );
  const refusedFiles = report.refusedFiles ?? [];
  if (refusedFiles.length > 0)
    parts.push(
      listSection(
        `Refused files (${formatCount(refusedFiles.length)}): not processed`,
        ['File', 'Received', 'Why'],
        ['30%', '20%', '50%'],
        refusedFiles.map((f) => [
          boundEcho(f.file, BODY_VALUE_CHARS),
          formatReportTime(f.receivedAt, report.timeZone),
          f.message,
        ]),
        bodyRowLimit,
        budget,
        'files',
      ),
    );
  parts.push(...report.notes.map((note) => paragraph(note, 'color:#52606d;')));
  return [...head, ...parts, '</td></tr></table></body></html>'].join('\n');
};
