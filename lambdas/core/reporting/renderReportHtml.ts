import { boundEcho, MAX_MESSAGE_CHARS } from '../echo.js';
import { escapeHtml } from './escape.js';
import type { SyncReport } from './SyncReport.js';
import { summaryRows } from './summaryRows.js';

const FONT = 'font-family:Arial,Helvetica,sans-serif;font-size:14px;color:#1f2933;';
const CELL =
  'padding:6px 8px;border-bottom:1px solid #e4e7eb;text-align:left;vertical-align:top;word-break:break-word;';
const HEAD = `${CELL}background:#f5f7fa;font-weight:bold;`;
const STATUS_COLOURS = { success: '#1b7f3b', error: '#b42318' };

const table = (headers: string[], rows: string[][], widths?: string[]): string => {
  const width = (k: number) => (widths?.[k] ? `width:${widths[k]};` : '');
  // A table without column names (the summary) sets its widths on the first row instead.
  const head = headers.some(Boolean)
    ? `<tr>${headers.map((h, k) => `<th style="${HEAD}${width(k)}">${escapeHtml(h)}</th>`).join('')}</tr>`
    : '';
  const body = rows
    .map(
      (cells, row) =>
        `<tr>${cells.map((cell, k) => `<td style="${CELL}${head || row > 0 ? '' : width(k)}">${escapeHtml(boundEcho(cell, MAX_MESSAGE_CHARS))}</td>`).join('')}</tr>`,
    )
    .join('');
  return `<table width="100%" cellpadding="0" cellspacing="0" style="border-collapse:collapse;table-layout:fixed;width:100%;${FONT}">${head}${body}</table>`;
};

const section = (title: string, body: string): string =>
  `<h2 style="${FONT}font-size:16px;margin:24px 0 8px;">${escapeHtml(title)}</h2>${body}`;

const more = (shown: number, total: number): string =>
  total > shown
    ? `<p style="${FONT}">Showing ${shown} of ${total}: the attached CSV lists them all.</p>`
    : '';

/**
 * The report as an HTML email: a single 600 px column of tables with inline styles and no scripts, which common
 * mail clients render alike. Every value from the file is escaped.
 */
export const renderReportHtml = (report: SyncReport, bodyRowLimit: number): string => {
  const status = report.status === 'success' ? 'Success' : 'Error';
  const parts = [
    `<div style="background:${STATUS_COLOURS[report.status]};color:#ffffff;padding:12px 16px;${FONT}font-size:18px;font-weight:bold;color:#ffffff;">${status}: ${escapeHtml(report.tenantName)}</div>`,
  ];
  if (report.refusal) {
    parts.push(
      `<p style="${FONT}background:#fef3f2;border-left:4px solid #b42318;padding:8px 12px;margin:16px 0;">The file was not synced: ${escapeHtml(report.refusal.message)}</p>`,
    );
  }
  parts.push(section('Summary', table(['', ''], summaryRows(report), ['60%', '40%'])));
  if (report.rejected.length > 0) {
    const shown = report.rejected.slice(0, bodyRowLimit);
    parts.push(
      section(
        `Rejected rows (${report.rejected.length})`,
        table(
          ['Line', 'Customer', 'Field', 'Value', 'Problem'],
          shown.map((r) => [String(r.line), r.customerCode, r.field, r.value ?? '', r.message]),
          ['10%', '16%', '18%', '18%', '38%'],
        ) + more(shown.length, report.rejected.length),
      ),
    );
  }
  if (report.failures.length > 0) {
    const shown = report.failures.slice(0, bodyRowLimit);
    parts.push(
      section(
        `Failed in JOOR (${report.failures.length})`,
        table(
          ['Customer', 'Code', "JOOR's answer"],
          shown.map((f) => [f.customerCode, f.code, f.message]),
          ['22%', '20%', '58%'],
        ) + more(shown.length, report.failures.length),
      ),
    );
  }
  if (report.superseded.length > 0) {
    parts.push(
      section(
        'Superseded files (not processed: this newer full list replaced them)',
        table(
          ['File', 'Received'],
          report.superseded.map((s) => [s.file, s.receivedAt]),
        ),
      ),
    );
  }
  parts.push(...report.notes.map((note) => `<p style="${FONT}color:#52606d;">${escapeHtml(note)}</p>`));
  return [
    '<!DOCTYPE html><html><head><meta charset="utf-8"><meta name="viewport" content="width=device-width">',
    `<title>${status}: ${escapeHtml(report.file.name)}</title></head>`,
    '<body style="margin:0;padding:0;background:#ffffff;">',
    '<table role="presentation" width="600" cellpadding="0" cellspacing="0" align="center" style="width:600px;max-width:600px;margin:0 auto;"><tr><td style="padding:16px;">',
    ...parts,
    '</td></tr></table></body></html>',
  ].join('\n');
};
