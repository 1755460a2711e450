import { beforeAll, describe, expect, it } from 'vitest';
import { escapeHtml } from '../../../lambdas/core/reporting/escape.js';
import { formatReportTime } from '../../../lambdas/core/reporting/formatTime.js';
import { renderReportCsv } from '../../../lambdas/core/reporting/renderReportCsv.js';
import { renderReportHtml } from '../../../lambdas/core/reporting/renderReportHtml.js';
import { renderReportText } from '../../../lambdas/core/reporting/renderReportText.js';
import { reportSections } from '../../../lambdas/core/reporting/reportSections.js';
import type { SyncReport } from '../../../lambdas/core/reporting/SyncReport.js';
import { type GalleryReport, galleryReports } from '../../../tools/gallery/galleryReports.js';

let gallery: GalleryReport[];
const kind = (name: string): SyncReport => gallery.find((g) => g.kind === name)!.report;

beforeAll(async () => {
  gallery = await galleryReports();
});

/** Text without the HTML's tags and escapes, to find a row's words in it. */
const words = (html: string): string =>
  html
    .replace(/<[^>]+>/g, ' ')
    .replace(/&quot;/g, '"')
    .replace(/&#39;/g, "'")
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&amp;/g, '&');

describe('one section model, two renderings', () => {
  it('puts the same items in the HTML part and the text part of every kind of report', () => {
    for (const { kind: name, report } of gallery)
      for (const limit of [1, 2, 200]) {
        const html = renderReportHtml(report, limit);
        const text = renderReportText(report, limit);
        for (const section of reportSections(report, limit)) {
          expect(html, `${name}: ${section.key}`).toContain(escapeHtml(section.title));
          expect(text, `${name}: ${section.key}`).toContain(section.textTitle);
          const { body } = section;
          const rows =
            body.kind === 'table'
              ? body.rows
              : body.kind === 'groups'
                ? body.groups.flatMap((g) => g.rows)
                : [];
          for (const row of rows) {
            expect(text, `${name}: ${section.key}`).toContain(row.line);
            for (const cell of row.cells) expect(words(html), `${name}: ${section.key}`).toContain(cell);
          }
        }
      }
  });

  // The text part printed the superseded and refused files' times as stored (ISO, UTC) where the HTML part said them
  // in the tenant's zone: one email, two times for the same file.
  it('says a file’s time in the tenant’s zone in both parts', () => {
    const base = kind('superseded');
    const report: SyncReport = {
      ...base,
      timeZone: 'Europe/Paris',
      refusedFiles: [
        {
          file: 'customer_bad.psv',
          receivedAt: '2026-11-27T08:00:00Z',
          runId: 'r9',
          code: 'file_name',
          message: 'not a customer file',
        },
      ],
    };
    const text = renderReportText(report, 200);
    const html = renderReportHtml(report, 200);
    for (const { receivedAt } of [...report.superseded, ...report.refusedFiles!]) {
      const shown = formatReportTime(receivedAt, 'Europe/Paris');
      expect(text).toContain(`(received ${shown})`);
      expect(html).toContain(shown);
      expect(text).not.toContain(receivedAt);
    }
  });

  // Cut at the row limit between two customers, the text part used to name the next customer with none of its rows.
  it('names no customer in the text part without one of its problems', () => {
    const report = kind('rejected-rows');
    for (let limit = 0; limit <= report.rejected.length; limit += 1) {
      const lines = renderReportText(report, limit).split('\n');
      const start = lines.findIndex((line) => line.startsWith('What to fix in the ERP'));
      const fixes = lines.slice(start + 1, lines.indexOf('', start));
      fixes.forEach((line, k) => {
        if (/^ {2}\S/.test(line) && !line.startsWith('  …'))
          expect(fixes[k + 1] ?? '', `limit ${limit}: ${line}`).toMatch(/^ {4}line \d+/);
      });
    }
  });

  // The body said "the attached CSV lists them all" of superseded files, refused files and a dry run's new
  // customers, which the CSV does not hold: it now names the place that has them.
  it('says where the rest of a list is: the attached CSV when it holds them, else the report stored with the run', () => {
    const report: SyncReport = {
      ...kind('superseded'),
      dryRun: { new: ['N1', 'N2', 'N3'] },
      missing: ['M1', 'M2', 'M3'],
    };
    const html = words(renderReportHtml(report, 1));
    const csv = renderReportCsv(report);
    for (const section of reportSections(report, 1)) {
      if (section.total <= 1) continue;
      const note = new RegExp(`Showing 1 of ${section.total} ${section.what}: ([^.]+)\\.`);
      const rest = note.exec(html.slice(html.indexOf(section.title)))?.[1];
      expect(rest, section.key).toBe(
        section.rest === 'csv'
          ? 'the attached CSV lists them all'
          : 'the report stored with the run lists them all',
      );
      const items =
        section.key === 'new'
          ? report.dryRun!.new
          : section.key === 'missing'
            ? report.missing!
            : report.superseded.map((s) => s.file);
      for (const item of items)
        expect(csv.includes(item), `${section.key}: ${item}`).toBe(section.rest === 'csv');
    }
  });
});
