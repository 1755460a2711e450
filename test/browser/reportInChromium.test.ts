import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { renderReportHtml } from '../../lambdas/core/reporting/renderReportHtml.js';
import type { SyncReport } from '../../lambdas/core/reporting/SyncReport.js';
import { findChromium } from '../setup/findChromium.js';

const CHROMIUM = findChromium();
const OUTPUT = fileURLToPath(new URL('../../test-output/', import.meta.url));
const EMAIL_WIDTH = 600;

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
        await expect(page.getByRole('cell', { name: '1520' }).isVisible()).resolves.toBe(true);
        await expect(page.getByRole('cell', { name: 'city is required' }).isVisible()).resolves.toBe(true);
        await expect(page.getByText('Maison <Sample> & Co').isVisible()).resolves.toBe(true);
        // Escaped, so shown as text and never run.
        await expect(page.getByRole('cell', { name: '<script>alert(1)</script>' }).isVisible()).resolves.toBe(
          true,
        );
        expect(dialogs).toEqual([]);
        expect(await page.locator('script').count()).toBe(0);
        mkdirSync(OUTPUT, { recursive: true });
        await page.screenshot({ path: join(OUTPUT, 'report-email.png'), fullPage: true });
      } finally {
        await browser.close();
      }
    }, 60_000);
  },
);
