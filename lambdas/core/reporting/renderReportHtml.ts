import { boundEcho, MAX_MESSAGE_CHARS } from '../echo.js';
import { formatCount } from '../formatCount.js';
import { escapeHtml } from './escape.js';
import { type Headline, headlineOf, type Tone } from './headline.js';
import { type Outcome, outcomesOf } from './outcomes.js';
import {
  type ReportSection,
  reportSections,
  type SectionBody,
  type SectionGroup,
  type SectionRow,
} from './reportSections.js';
import type { SyncReport } from './SyncReport.js';
import { summaryRows } from './summaryRows.js';

/**
 * Most HTML the body may hold. Gmail clips a message body over 102 KB behind a "View entire message" link; the
 * lists stop short of this, and the attached CSV has everything.
 */
export const MAX_HTML_BYTES = 100 * 1024;
/** Room kept for the parts after the lists (notes, the closing tags). */
const TAIL_BYTES = 6 * 1024;
const FONT = 'font-family:Arial,Helvetica,sans-serif;font-size:14px;color:#1f2933;';
const CELL =
  'padding:5px 6px;border-bottom:1px solid #e4e7eb;text-align:left;vertical-align:top;word-break:break-word;';
const HEAD_TINT = '#f5f7fa';
const HEAD = `${CELL}background:${HEAD_TINT};font-weight:bold;`;
const TONE_COLOURS: Record<Tone, string> = { good: '#1b7f3b', mixed: '#b45309', bad: '#b42318' };

const cell = (text: string, style = CELL): string =>
  `<td style="${style}">${escapeHtml(boundEcho(text, MAX_MESSAGE_CHARS))}</td>`;

/** A table of the body's width: column heads (with their widths) when there are any, else widths on the first row. */
const table = (headers: string[], widths: string[], rows: string): string => {
  const head = headers.some(Boolean)
    ? `<tr>${headers.map((h, k) => `<th style="${HEAD}width:${widths[k]};">${escapeHtml(h)}</th>`).join('')}</tr>`
    : '';
  return `<table width="100%" cellpadding="0" cellspacing="0" style="border-collapse:collapse;table-layout:fixed;width:100%;${FONT}">${head}${rows}</table>`;
};

const rowHtml = (cells: string[], widths?: string[]): string =>
  `<tr>${cells.map((c, k) => cell(c, widths ? `${CELL}width:${widths[k]};` : CELL)).join('')}</tr>`;

const titled = (title: string, body: string): string =>
  `<h2 style="${FONT}font-size:16px;margin:24px 0 8px;">${escapeHtml(title)}</h2>${body}`;

const paragraph = (text: string, extra = ''): string => `<p style="${FONT}${extra}">${escapeHtml(text)}</p>`;

const REST_IN = {
  csv: 'the attached CSV lists them all',
  stored: 'the report stored with the run lists them all',
};

const more = (shown: number, total: number, what: string, rest: ReportSection['rest']): string =>
  total > shown
    ? paragraph(`Showing ${formatCount(shown)} of ${formatCount(total)} ${what}: ${REST_IN[rest]}.`)
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

/** A customer's name across its table, tinted by the section it heads. */
const GROUP_TINTS: Partial<Record<ReportSection['key'], string>> = { fixes: '#fff7ed', changed: '#eff6ff' };

const groupHeader = (group: SectionGroup, columns: number, tint: string): string =>
  [
    `<tr><td colspan="${columns}" style="${CELL}background:${tint};font-weight:bold;">${escapeHtml(boundEcho(group.title, 120))}</td></tr>`,
    ...(group.note
      ? [`<tr><td colspan="${columns}" style="${CELL}">${escapeHtml(group.note)}</td></tr>`]
      : []),
  ].join('');

/** What of a section's body fits, as HTML, and how many of its items that is. */
interface Fitted {
  html: string;
  shown: number;
}

/** Codes in one sentence, as many as fit. */
const codesHtml = (codes: string[], budget: Budget): Fitted => {
  const fitted: string[] = [];
  for (const code of codes) {
    if (!budget.take(`${escapeHtml(code)}, `)) break;
    fitted.push(code);
  }
  return { html: paragraph(fitted.join(', ')), shown: fitted.length };
};

/** Rows of a table, as many as fit. */
const rowsHtml = (rows: SectionRow[], budget: Budget): Fitted => {
  const fitted: string[] = [];
  for (const row of rows) {
    if (!budget.take(rowHtml(row.cells))) break;
    fitted.push(rowHtml(row.cells));
  }
  return { html: fitted.join(''), shown: fitted.length };
};

/**
 * Customers with their rows, as many as fit: a changed customer whole or not at all (it counts as one item), a
 * customer's problems one by one (each counts).
 */
const groupsHtml = (body: Extract<SectionBody, { kind: 'groups' }>, tint: string, budget: Budget): Fitted => {
  const fitted: string[] = [];
  let shown = 0;
  for (const group of body.groups) {
    const header = groupHeader(group, body.columns.length, tint);
    if (body.counts === 'groups') {
      const whole = header + group.rows.map((row) => rowHtml(row.cells)).join('');
      if (!budget.take(whole)) break;
      fitted.push(whole);
      shown += 1;
      continue;
    }
    if (!budget.take(header)) break;
    fitted.push(header);
    const rows = rowsHtml(group.rows, budget);
    fitted.push(rows.html);
    shown += rows.shown;
    if (rows.shown < group.rows.length) break;
  }
  return { html: fitted.join(''), shown };
};

/** A section as the body holds it: its title, as many of its items as fit the budget, and where the rest is. */
const sectionHtml = (section: ReportSection, budget: Budget): string => {
  const { body } = section;
  const fitted =
    body.kind === 'codes'
      ? codesHtml(body.codes, budget)
      : body.kind === 'table'
        ? rowsHtml(body.rows, budget)
        : groupsHtml(body, GROUP_TINTS[section.key] ?? HEAD_TINT, budget);
  const content = body.kind === 'codes' ? fitted.html : table(body.columns, body.widths, fitted.html);
  return titled(section.title, content + more(fitted.shown, section.total, section.what, section.rest));
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
 * it, JOOR's refusals, the changed customers field by field, the customers the file left out; a single 600 px column of tables with inline styles and no
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
  const summary = summaryRows(report);
  parts.push(
    titled(
      'Summary',
      table(
        ['', ''],
        [],
        summary.map((cells, row) => rowHtml(cells, row === 0 ? ['55%', '45%'] : undefined)).join(''),
      ),
    ),
  );
  const budget = new Budget([...head, ...parts]);
  for (const section of reportSections(report, bodyRowLimit)) parts.push(sectionHtml(section, budget));
  parts.push(...report.notes.map((note) => paragraph(note, 'color:#52606d;')));
  return [...head, ...parts, '</td></tr></table></body></html>'].join('\n');
};
