import { formatCount } from '../formatCount.js';
import { BEFORE_UNKNOWN, changeMessage } from './changeText.js';
import { csvCell } from './escape.js';
import { fixFor } from './problemFixes.js';
import type { SyncReport } from './SyncReport.js';

const HEADER = [
  'kind',
  'line',
  'customer_code',
  'customer_name',
  'field',
  'value',
  'code',
  'message',
  'how_to_fix',
];

/**
 * Largest CSV attached to the email. SES takes raw messages of up to 40 MB (10 MB through the v1 API) and base64
 * grows an attachment by a third; mail servers commonly refuse 25 MB. 4 MB holds about 20,000 problems.
 */
export const MAX_ATTACHMENT_BYTES = 4 * 1024 * 1024;

const CRLF = '\r\n';

/**
 * Every rejected row (with how to fix it), every JOOR failure, every changed field (before in the message, after
 * as the value) and every customer missing compared with the last
 * file, as CSV (CRLF, as spreadsheets expect). With `maxBytes` (the attachment)
 * it stops before that size and says, in a last row, how many were left out and where the full list is; without
 * (the copy stored with the run) it lists them all.
 */
export const renderReportCsv = (report: SyncReport, maxBytes = Number.POSITIVE_INFINITY): string => {
  const rows = function* (): Generator<(string | number | undefined)[]> {
    for (const row of report.rejected)
      yield [
        'rejected',
        row.line,
        row.customerCode,
        row.customerName,
        row.field,
        row.value,
        row.code,
        row.message,
        fixFor(row.code),
      ];
    for (const failure of report.failures)
      yield [
        'failed_in_joor',
        '',
        failure.customerCode,
        '',
        '',
        '',
        failure.code,
        failure.message,
        'Sent again with the next file',
      ];
    for (const customer of report.changed ?? []) {
      if (customer.beforeUnknown)
        yield [
          'changed',
          '',
          customer.customerCode,
          customer.customerName,
          '',
          '',
          'changed',
          BEFORE_UNKNOWN,
          '',
        ];
      for (const change of customer.changes)
        yield [
          'changed',
          '',
          customer.customerCode,
          customer.customerName,
          change.field,
          change.after ?? '',
          'changed',
          changeMessage(change),
          '',
        ];
    }
    for (const code of report.missing ?? [])
      yield [
        'missing',
        '',
        code,
        '',
        '',
        '',
        'missing',
        'In the last file, not in this one: kept in JOOR, never deleted',
        '',
      ];
  };
  const changeRows = (report.changed ?? []).reduce(
    (sum, c) => sum + c.changes.length + (c.beforeUnknown ? 1 : 0),
    0,
  );
  const total = report.rejected.length + report.failures.length + changeRows + (report.missing?.length ?? 0);
  const lines = [HEADER.map(csvCell).join(',')];
  // Room kept for the closing note, so that the budget holds with it.
  const budget = maxBytes - 512;
  let bytes = Buffer.byteLength(lines[0]!) + CRLF.length;
  for (const cells of rows()) {
    const line = cells.map(csvCell).join(',');
    const size = Buffer.byteLength(line) + CRLF.length;
    if (bytes + size > budget) {
      const left = total - (lines.length - 1);
      lines.push(
        [
          'note',
          '',
          '',
          '',
          '',
          'cut',
          `${formatCount(left)} more rows are not in this attachment, which is kept under ${Math.floor(maxBytes / 1024 / 1024)} MB: the full list is stored with run ${report.runId} (report.csv).`,
        ]
          .map(csvCell)
          .join(','),
      );
      break;
    }
    lines.push(line);
    bytes += size;
  }
  return `${lines.join(CRLF)}${CRLF}`;
};
