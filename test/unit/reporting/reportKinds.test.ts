import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { simpleParser } from 'mailparser';
import { beforeAll, describe, expect, it } from 'vitest';
import { FILE_REFUSAL_CODES } from '../../../lambdas/core/index.js';
import { buildReportEmail } from '../../../lambdas/core/reporting/buildReportEmail.js';
import { formatDuration, formatReportTime } from '../../../lambdas/core/reporting/formatTime.js';
import { headlineOf } from '../../../lambdas/core/reporting/headline.js';
import { outcomesOf } from '../../../lambdas/core/reporting/outcomes.js';
import { PROBLEM_FIXES } from '../../../lambdas/core/reporting/problemFixes.js';
import { MAX_HTML_BYTES, renderReportHtml } from '../../../lambdas/core/reporting/renderReportHtml.js';
import { reportSubject } from '../../../lambdas/core/reporting/reportSubject.js';
import type { SyncReport } from '../../../lambdas/core/reporting/SyncReport.js';
import { summaryRows } from '../../../lambdas/core/reporting/summaryRows.js';
import { CHECK_CODES, ISSUE_CODES } from '../../../lambdas/core/validating/rowSchema.js';
import { type GalleryReport, galleryReports } from '../../../tools/gallery/galleryReports.js';

let gallery: GalleryReport[];
const kind = (name: string): SyncReport => gallery.find((g) => g.kind === name)!.report;

beforeAll(async () => {
  gallery = await galleryReports();
});

// Issue #14: the report answers "did my customers get to JOOR?" and "what must I fix?" at a glance.
describe('the headline of each kind of report', () => {
  it('says with numbers what happened, in the colour of what happened', () => {
    const expected: Record<string, [RegExp, string]> = {
      success: [/^4 of 6 customers synced to JOOR Sandbox, 2 unchanged\.$/, 'good'],
      'rejected-rows': [
        /^3 of 10 customers synced to JOOR Sandbox, 3 unchanged; 4 customers \(6 rows\) need a fix in the ERP\.$/,
        'mixed',
      ],
      'joor-failures': [
        /^3 of 6 customers synced .*; 2 failed in JOOR and will be sent again with the next file\.$/,
        'mixed',
      ],
      refused: [
        /^File refused: most lines \(10 of the first 10\) have 1 column\(s\) where 26 were expected\.$/,
        'bad',
      ],
      quarantined: [
        /^Held back: the file leaves out 14 of 20 known customers .*; nothing was sent to JOOR Sandbox\.$/,
        'bad',
      ],
      'partial-upload': [/^Not processed: the upload was cut off; send the file again\.$/, 'bad'],
      superseded: [/^1 of 6 customers synced to JOOR Sandbox, 5 unchanged\.$/, 'good'],
      'first-sync': [/^6 of 6 customers synced to JOOR Sandbox\.$/, 'good'],
      'not-processed': [
        /^Not processed: the file could not be processed; send it again \(reference 20261127T181702Z-gallery8\)\.$/,
        'bad',
      ],
      'nothing-to-send': [/^Nothing to send: all 6 customers unchanged\.$/, 'good'],
    };
    expect(gallery.map((g) => g.kind).sort()).toEqual(Object.keys(expected).sort());
    for (const { kind: name, report } of gallery) {
      const [text, tone] = expected[name]!;
      expect(headlineOf(report).text, name).toMatch(text);
      expect(headlineOf(report).tone, name).toBe(tone);
    }
  });

  it('puts status, brand, file and the headline numbers in the subject', () => {
    expect(reportSubject(kind('rejected-rows'))).toBe(
      '[Customer Sync] Error: Maison Sample (demo brand) customer_sample.psv - 3 of 10 synced, 4 need a fix',
    );
    expect(reportSubject(kind('refused'))).toMatch(
      /^\[Customer Sync\] Error: .* customer_20261127_commas\.psv - file refused$/,
    );
  });
});

describe('the picture of the file', () => {
  it('puts every customer in exactly one part', () => {
    for (const { kind: name, report } of gallery) {
      const parts = outcomesOf(report);
      expect(
        parts.reduce((sum, p) => sum + p.count, 0),
        name,
      ).toBe(report.counts.customers);
    }
    expect(
      outcomesOf(kind('success'))
        .filter((o) => o.count > 0)
        .map((o) => [o.key, o.count]),
    ).toEqual([
      ['synced_new', 2],
      ['synced_changed', 2],
      ['unchanged', 2],
    ]);
  });

  it('is table cells with inline colours and a legend with the numbers: no images, scripts or CSS classes', () => {
    const html = renderReportHtml(kind('joor-failures'), 200);
    expect(html).not.toMatch(/<img|<script|<style|class=|<svg/);
    expect(html).toMatch(/<td width="\d+%" style="width:\d+%;background:#1b7f3b;/);
    expect(html).toMatch(/Failed in JOOR<\/td><td [^>]*>2</);
  });
});

describe('times and counts a person reads', () => {
  it('shows times in the tenant’s zone, and how long the run took', () => {
    expect(formatReportTime('2026-11-27T18:19:13.377Z', 'Europe/Paris')).toBe('27 Nov 2026, 19:19 CET');
    expect(formatReportTime('2026-07-01T18:19:00Z', 'America/New_York')).toBe('1 Jul 2026, 14:19 EDT');
    expect(formatReportTime('2026-11-27T18:19:00Z')).toBe('27 Nov 2026, 18:19 UTC');
    expect(formatDuration(131_000)).toBe('2 min 11 s');
    expect(Object.fromEntries(summaryRows(kind('success')))).toMatchObject({
      Received: '27 Nov 2026, 19:17 CET',
      Finished: '27 Nov 2026, 19:19 CET, after 2 min 11 s',
    });
  });

  it('shows the counts that are not zero and the ones that always mean something', () => {
    const labels = summaryRows(kind('nothing-to-send')).map(([label]) => label);
    expect(labels).toEqual([
      'File',
      'Received',
      'Finished',
      'JOOR environment',
      'Rows read',
      'Customers in file',
      'Accepted by JOOR',
      'Unchanged (not sent)',
    ]);
  });
});

describe('what to fix', () => {
  it('has a "how to fix" for every problem code the validator can give a row', () => {
    const root = fileURLToPath(new URL('../../../lambdas/core/', import.meta.url));
    const sources = readdirSync(root, { recursive: true })
      .map(String)
      .filter((f) => f.endsWith('.ts'))
      .map((f) => readFileSync(join(root, f), 'utf8'))
      .join('\n');
    const emitted = new Set([
      ...[...sources.matchAll(/code: '([a-z_]+)'/g)].map((m) => m[1]!),
      ...Object.values(ISSUE_CODES),
      ...Object.values(CHECK_CODES),
      'invalid_value',
    ]);
    const rowCodes = [...emitted].filter((code) => !(FILE_REFUSAL_CODES as readonly string[]).includes(code));
    expect(rowCodes.length).toBeGreaterThan(15);
    expect(rowCodes.filter((code) => !(code in PROBLEM_FIXES))).toEqual([]);
  });

  it('groups rejected rows by customer, with the name, each problem with its line and how to fix it', () => {
    const html = renderReportHtml(kind('rejected-rows'), 200);
    expect(html).toContain('C1008 — Westside Goods');
    expect(html).toMatch(
      />12<\/td><td [^>]*>price_label<\/td><td [^>]*>price_label with currency USD is not a price type configured in JOOR for this brand \(value: &quot;Retail USD&quot;\)<\/td><td [^>]*>Use a price type set up in JOOR/,
    );
    expect(html).toContain('This row is rejected with its customer, which has problems on line 13');
  });

  it('stays under Gmail’s clipping size with the body row limit, whatever the file holds, and says what it left out', () => {
    const base = kind('rejected-rows');
    const rejected = Array.from({ length: 20_000 }, (_, k) => ({
      line: k + 2,
      customerCode: `C${k}`,
      customerName: 'N'.repeat(200),
      field: 'notes',
      value: 'v'.repeat(200),
      code: 'too_long',
      message: `notes is longer than 500 characters${'!'.repeat(900)}`,
    }));
    const html = renderReportHtml(
      { ...base, rejected, missing: Array.from({ length: 5000 }, (_, k) => `M${k}`) },
      200,
    );
    expect(Buffer.byteLength(html)).toBeLessThan(MAX_HTML_BYTES);
    expect(html).toMatch(/Showing \d+ of 20,000 problems: the attached CSV lists them all/);
  });
});

describe('the email, parsed back by a mail parser', () => {
  it('has its headers, a text and an HTML part, and the CSV attached as text/csv', async () => {
    const report = kind('rejected-rows');
    const email = await buildReportEmail(report, {
      from: 'sync@maison.example',
      to: ['erp@maison.example'],
      bodyRowLimit: 200,
    });
    const mail = await simpleParser(email.raw);
    expect(mail.subject).toBe(reportSubject(report));
    expect(mail.from?.text).toBe('sync@maison.example');
    expect(mail.text).toContain('3 of 10 customers synced to JOOR Sandbox');
    expect(mail.html).toContain('C1008 — Westside Goods');
    expect(mail.attachments).toHaveLength(1);
    const [csv] = mail.attachments;
    expect(csv!.filename).toBe('customer_sample-report.csv');
    expect(csv!.contentType).toBe('text/csv');
    expect(csv!.content.toString('utf8').split('\r\n')[0]).toBe(
      '"kind","line","customer_code","customer_name","field","value","code","message","how_to_fix"',
    );
    expect(email.raw.toString()).toMatch(/Content-Type: multipart\/mixed/);
    expect(email.raw.toString()).toMatch(/Content-Type: text\/html; charset=utf-8/);
  });
});

describe('the README', () => {
  it('lists every problem code with the same "how to fix" as the report', () => {
    const readme = readFileSync(fileURLToPath(new URL('../../../README.md', import.meta.url)), 'utf8');
    for (const [code, fix] of Object.entries(PROBLEM_FIXES))
      expect(readme).toContain(`| \`${code}\` | ${fix} |`);
  });
});

describe('every kind of report', () => {
  it('has its picture, a grey bar saying so when no customer could be read', () => {
    for (const { kind: name, report } of gallery) {
      const html = renderReportHtml(report, 200);
      expect(html, name).toMatch(/<td width="\d+%" style="width:\d+%;background:#[0-9a-f]{6};height:18px;/);
    }
    expect(renderReportHtml(kind('partial-upload'), 200)).toContain('No customer read from this file');
  });
});
