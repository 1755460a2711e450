import { describe, expect, it } from 'vitest';
import { csvCell, escapeHtml } from '../../../lambdas/core/reporting/escape.js';
import { renderReportCsv } from '../../../lambdas/core/reporting/renderReportCsv.js';
import { renderReportHtml } from '../../../lambdas/core/reporting/renderReportHtml.js';
import { renderReportText } from '../../../lambdas/core/reporting/renderReportText.js';
import { reportSubject } from '../../../lambdas/core/reporting/reportSubject.js';
import { type SyncReport, statusOfCounts } from '../../../lambdas/core/reporting/SyncReport.js';

const counts = {
  rows: 10,
  customers: 6,
  new: 2,
  changed: 1,
  unchanged: 2,
  rejectedRows: 2,
  sent: 3,
  accepted: 2,
  failed: 1,
  missing: 0,
  superseded: 0,
  quarantinedRows: 0,
};
const report: SyncReport = {
  runId: 'r1',
  tenantId: 'acme',
  tenantName: 'Acme',
  environment: 'production',
  file: {
    name: 'customer_1.csv',
    bytes: 1000,
    receivedAt: '2026-11-27T08:00:00Z',
    finishedAt: '2026-11-27T08:01:00Z',
  },
  status: 'error',
  counts,
  rejected: [
    {
      line: 4,
      customerCode: '=HYPERLINK("http://evil")',
      field: 'city',
      code: 'required',
      message: 'city is required',
    },
    {
      line: 5,
      customerCode: 'B2',
      field: 'notes',
      value: '<img src=x onerror=alert(1)>',
      code: 'too_long',
      message: 'notes is longer than 500 characters',
    },
  ],
  failures: [{ customerCode: 'C3', code: 'joor_rejected', message: '+cmd|calc' }],
  superseded: [],
  notes: ['New customers appear in JOOR after 48 to 72 hours.'],
};

describe('the report', () => {
  it('neutralises spreadsheet formulas in the CSV and quotes every cell', () => {
    expect(csvCell('=SUM(A1)')).toBe(`"'=SUM(A1)"`);
    expect(csvCell('@cmd')).toBe(`"'@cmd"`);
    expect(csvCell('plain "quoted"')).toBe('"plain ""quoted"""');
    const csv = renderReportCsv(report).split('\r\n');
    expect(csv[0]).toBe(
      '"kind","line","customer_code","customer_name","field","value","code","message","how_to_fix"',
    );
    expect(csv[1]).toBe(
      `"rejected","4","'=HYPERLINK(""http://evil"")","","city","","required","city is required","Fill in this field in the ERP."`,
    );
    expect(csv[3]).toBe(
      `"failed_in_joor","","C3","","","","joor_rejected","'+cmd|calc","Sent again with the next file"`,
    );
    expect(csv).toHaveLength(5);
  });

  it('escapes values from the file in the HTML, which has inline styles and no script', () => {
    expect(escapeHtml(`<a href="x">'&'</a>`)).toBe('&lt;a href=&quot;x&quot;&gt;&#39;&amp;&#39;&lt;/a&gt;');
    const html = renderReportHtml(report, 50);
    expect(html).toContain('&lt;img src=x onerror=alert(1)&gt;');
    expect(html).not.toMatch(/<img|<script|<style|class=/);
    expect(html).toContain('width:600px');
  });

  it('shows rows up to the limit in the body and points to the CSV for the rest', () => {
    const text = renderReportText(report, 1);
    expect(text).toContain('line 4');
    expect(text).not.toContain('line 5');
    expect(text).toContain('the attached CSV lists all 2');
    expect(renderReportHtml(report, 1)).toContain(
      'Showing 1 of 2 problems: the attached CSV lists them all.',
    );
  });

  it('says Success only when nothing was rejected, failed or held back', () => {
    expect(statusOfCounts({ ...counts, rejectedRows: 0, failed: 0 }, undefined)).toBe('success');
    expect(statusOfCounts(counts, undefined)).toBe('error');
    expect(
      statusOfCounts({ ...counts, rejectedRows: 0, failed: 0 }, { code: 'mass_drop', message: '' }),
    ).toBe('error');
    // Status, brand, file and the headline in a few words, as it reads in an inbox list (issue #14).
    expect(reportSubject(report)).toBe(
      '[Customer Sync] Error: Acme customer_1.csv - 2 of 6 synced, 2 need a fix, 1 failed in JOOR',
    );
  });
});

describe('the changed customers in the report', () => {
  const changedReport: SyncReport = {
    ...report,
    counts: { ...counts, changed: 3 },
    changed: [
      {
        customerCode: 'C1',
        customerName: 'Maison <Dupont>',
        changes: [{ field: 'price_label', before: 'Wholesale EUR', after: 'Retail EUR' }],
      },
      {
        customerCode: 'C2',
        customerName: 'Two',
        changes: [{ field: 'email', before: null, after: 'a@b.example' }],
      },
      { customerCode: 'C3', customerName: 'Three', changes: [], beforeUnknown: true },
    ],
    massChange: { field: 'price_label', label: 'price type', customers: 9812, known: 10_000 },
  };

  it('lists the first ones in the body with each field before → after, escaped, and says how many more', () => {
    const html = renderReportHtml(changedReport, 2);
    expect(html).toContain('Changed customers (3): what changed in JOOR');
    expect(html).toContain('C1 — Maison &lt;Dupont&gt;');
    expect(html).toMatch(/>price_label<\/td><td [^>]*>Wholesale EUR<\/td><td [^>]*>Retail EUR<\/td>/);
    expect(html).toMatch(/>email<\/td><td [^>]*>\(empty\)<\/td><td [^>]*>a@b\.example<\/td>/);
    expect(html).not.toContain('C3 — Three');
    expect(html).toContain('Showing 2 of 3 changed customers');
    expect(renderReportText(changedReport, 200)).toContain('    price_label: Wholesale EUR → Retail EUR');
  });

  it('puts every changed field in the CSV, and the mass change in the headline', () => {
    const csv = renderReportCsv(changedReport);
    expect(csv).toContain(
      '"changed","","C1","Maison <Dupont>","price_label","Retail EUR","changed","Before: Wholesale EUR; after: Retail EUR",""',
    );
    expect(csv).toContain('"changed","","C3","Three","","","changed","Changed since the last sync;');
    expect(renderReportText(changedReport, 200)).toContain(
      'price type changed for 9,812 of 10,000 customers',
    );
  });
});
