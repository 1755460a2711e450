import { mkdirSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { chromium } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { headlineOf } from '../../lambdas/core/reporting/headline.js';
import { renderReportHtml } from '../../lambdas/core/reporting/renderReportHtml.js';
import type { SyncReport } from '../../lambdas/core/reporting/SyncReport.js';
import { galleryReports } from '../../tools/gallery/galleryReports.js';
import { writeGallery } from '../../tools/gallery/writeGallery.js';
import { findChromium } from '../setup/findChromium.js';

const CHROMIUM = findChromium();
const OUTPUT = fileURLToPath(new URL('../../test-output/', import.meta.url));
const EMAIL_WIDTH = 600;
/** A phone's width, where mail apps show the 600 px column shrunk to fit. */
const PHONE_WIDTH = 375;

const report: SyncReport = {
  runId: '20261127T080000Z-abc',
  tenantId: 'maison',
  tenantName: 'Maison <Sample> & Co',
  environment: 'sandbox',
  file: {
    name: 'customer_20261127.psv',
    bytes: 123_456,
    receivedAt: '2026-11-27T08:00:00Z',
    finishedAt: '2026-11-27T08:03:00Z',
  },
  status: 'error',
  counts: {
    rows: 1520,
    customers: 1000,
    new: 12,
    changed: 30,
    unchanged: 955,
    rejectedRows: 4,
    sent: 42,
    accepted: 41,
    failed: 1,
    missing: 3,
    superseded: 0,
    quarantinedRows: 0,
  },
  rejected: [
    { line: 17, customerCode: 'B002', field: 'city', code: 'required', message: 'city is required' },
    {
      line: 88,
      customerCode: 'C0000088-A-VERY-LONG-CUSTOMER-CODE-WITHOUT-SPACES-THAT-MUST-WRAP',
      field: 'address_1',
      value: 'x'.repeat(140),
      code: 'too_long',
      message: 'address_1 is longer than 100 characters',
    },
    {
      line: 90,
      customerCode: 'E1',
      field: 'notes',
      value: '<script>alert(1)</script>',
      code: 'too_long',
      message: 'notes is longer than 500 characters',
    },
  ],
  failures: [
    {
      customerCode: 'F1',
      code: 'joor_rejected',
      message: 'price_types: price type USD / Retail does not exist in this account',
    },
  ],
  superseded: [],
  notes: ['New customers appear in JOOR after its data team has validated them, which takes 48 to 72 hours.'],
};

describe.skipIf(CHROMIUM === undefined)(
  'the report email in a real browser (Debian chromium, installed by .ci/run)',
  () => {
    it('fits 600 px, shows the counts and the rejected rows, and runs no script', async () => {
      const browser = await chromium.launch({
        executablePath: CHROMIUM!,
        args: [
          '--no-sandbox',
          '--disable-gpu',
          '--disable-background-networking',
          '--disable-component-update',
          '--disable-sync',
          '--no-first-run',
        ],
      });
      try {
        const page = await browser.newPage({
          viewport: { width: EMAIL_WIDTH, height: 900 },
          javaScriptEnabled: true,
        });
        const dialogs: string[] = [];
        page.on('dialog', (dialog) => {
          dialogs.push(dialog.message());
          void dialog.dismiss();
        });
        await page.setContent(renderReportHtml(report, 50));
        // Runs in the page: `document` is the browser's, typed loosely here (the project has no DOM types).
        const widths = (await page.evaluate(
          '({ document: document.documentElement.scrollWidth, body: document.body.scrollWidth })',
        )) as { document: number; body: number };
        expect(widths.document).toBeLessThanOrEqual(EMAIL_WIDTH);
        expect(widths.body).toBeLessThanOrEqual(EMAIL_WIDTH);
        await expect(page.getByText('Rows read').isVisible()).resolves.toBe(true);
        await expect(page.getByRole('cell', { name: '1,520' }).isVisible()).resolves.toBe(true);
        await expect(page.getByRole('cell', { name: 'city is required' }).isVisible()).resolves.toBe(true);
        await expect(page.getByText('Maison <Sample> & Co').isVisible()).resolves.toBe(true);
        // Escaped, so shown as text and never run.
        await expect(page.getByText('(value: "<script>alert(1)</script>")').isVisible()).resolves.toBe(true);
        expect(dialogs).toEqual([]);
        expect(await page.locator('script').count()).toBe(0);
        mkdirSync(OUTPUT, { recursive: true });
        await page.screenshot({ path: join(OUTPUT, 'report-email.png'), fullPage: true });
      } finally {
        await browser.close();
      }
    }, 60_000);

    // Issue #14: every kind of report, at an email client's width and a phone's, with its headline and picture.
    it('renders every kind of report at 600 px and 375 px without sideways scrolling, headline first', async () => {
      const browser = await chromium.launch({
        executablePath: CHROMIUM!,
        args: ['--no-sandbox', '--disable-gpu'],
      });
      try {
        mkdirSync(OUTPUT, { recursive: true });
        const shots: string[] = [];
        for (const { kind, report } of await galleryReports()) {
          for (const width of [EMAIL_WIDTH, PHONE_WIDTH]) {
            const page = await browser.newPage({ viewport: { width, height: 800 } });
            await page.setContent(renderReportHtml(report, 200));
            const scroll = (await page.evaluate('document.documentElement.scrollWidth')) as number;
            expect(scroll, `${kind} at ${width} px`).toBeLessThanOrEqual(width);
            await expect(page.getByText(headlineOf(report).text).isVisible()).resolves.toBe(true);
            const path = join(OUTPUT, `report-${kind}-${width}.png`);
            await page.screenshot({ path, fullPage: true });
            shots.push(path);
            await page.close();
          }
        }
        expect(shots).toHaveLength(20);
      } finally {
        await browser.close();
      }
    }, 120_000);

    it('opens the report gallery (npm run report-gallery): an index linking one report of each kind', async () => {
      const dir = mkdtempSync(join(tmpdir(), 'gallery-'));
      const [index] = await writeGallery(dir);
      const browser = await chromium.launch({
        executablePath: CHROMIUM!,
        args: ['--no-sandbox', '--disable-gpu'],
      });
      try {
        const page = await browser.newPage();
        await page.goto(pathToFileURL(index!).href);
        const links = page.locator('a');
        expect(await links.count()).toBe(10);
        await links.first().click();
        await expect(page.getByText('Summary').isVisible()).resolves.toBe(true);
      } finally {
        await browser.close();
      }
    }, 60_000);
  },
);
