import { describe, expect, it } from 'vitest';
import { parseTenantConfig } from '../../../lambdas/core/config/parseTenantConfig.js';
import { boundEcho, MAX_ECHO_CHARS } from '../../../lambdas/core/echo.js';
import { validateFile } from '../../../lambdas/core/index.js';
import { buildReportEmail } from '../../../lambdas/core/reporting/buildReportEmail.js';
import { MAX_ATTACHMENT_BYTES, renderReportCsv } from '../../../lambdas/core/reporting/renderReportCsv.js';
import type { SyncReport } from '../../../lambdas/core/reporting/SyncReport.js';
import { file, row } from '../../helpers/rows.js';
import { sourceOf } from '../../helpers/sources.js';

/** Long, yet short enough for a record (longer lines are rejected unread, see hostileFiles.test.ts). */
const LONG = 30_000;

const validate = (content: string) =>
  validateFile('customer_test.psv', sourceOf(content, 1 << 16), parseTenantConfig({ tenantId: 'acme' }));

const reportOf = (rejected: SyncReport['rejected']): SyncReport => ({
  runId: 'r1',
  tenantId: 'acme',
  tenantName: 'Acme',
  environment: 'sandbox',
  file: {
    name: 'customer_1.psv',
    bytes: 1,
    receivedAt: '2026-11-27T08:00:00Z',
    finishedAt: '2026-11-27T08:01:00Z',
  },
  status: 'error',
  counts: {
    rows: rejected.length,
    customers: rejected.length,
    new: 0,
    changed: 0,
    unchanged: 0,
    rejectedRows: rejected.length,
    sent: 0,
    accepted: 0,
    failed: 0,
    missing: 0,
    superseded: 0,
    quarantinedRows: 0,
  },
  rejected,
  failures: [],
  superseded: [],
  notes: [],
});

describe('values quoted back are bounded (issue #11, finding 2)', () => {
  it('cuts a long value to its first characters, never half a pair, and says how long it was', () => {
    expect(boundEcho('short')).toBe('short');
    const cut = boundEcho('👗'.repeat(MAX_ECHO_CHARS + 5));
    expect(Array.from(cut.split('…')[0]!)).toHaveLength(MAX_ECHO_CHARS);
    expect(cut).toMatch(/… \(205 characters in all\)$/);
    expect(boundEcho('👗'.repeat(MAX_ECHO_CHARS))).toBe('👗'.repeat(MAX_ECHO_CHARS));
  });

  it('echoes a long customer name and a long customer code, repeated into every problem of the customer, cut', async () => {
    const result = await validate(
      file(
        row({ customer_name: 'n'.repeat(LONG) }),
        row({ customer_code: 'c'.repeat(LONG), city: '' }),
        row({ customer_code: 'c'.repeat(LONG), address_type: 'S', address_code: 'A', city: '' }),
      ),
    );
    expect(result.rejected.map((r) => r.code)).toEqual([
      'too_long',
      'too_long',
      'required',
      'too_long',
      'required',
    ]);
    const echoed = JSON.stringify(result.rejected).length;
    expect(echoed).toBeLessThan(5 * 1024);
    expect(result.rejected[0]!.value).toMatch(/^n{200}… \(30,000 characters in all\)$/);
  });

  it('keeps the attachment under its budget whatever the file holds, and says what was left out', async () => {
    const rejected = Array.from({ length: 60_000 }, (_, k) => ({
      line: k + 2,
      customerCode: `C${k}`,
      field: 'notes',
      value: 'v'.repeat(MAX_ECHO_CHARS),
      code: 'too_long',
      message: 'notes is longer than 500 characters',
    }));
    const report = reportOf(rejected);
    const attachment = renderReportCsv(report, MAX_ATTACHMENT_BYTES);
    expect(Buffer.byteLength(attachment)).toBeLessThanOrEqual(MAX_ATTACHMENT_BYTES);
    const last = attachment.trimEnd().split('\r\n').at(-1)!;
    const listed = attachment.trimEnd().split('\r\n').length - 2;
    expect(last).toContain(
      `${(60_000 - listed).toLocaleString('en-US')} more rows are not in this attachment`,
    );
    expect(renderReportCsv(report).trimEnd().split('\r\n')).toHaveLength(60_001);
    const email = await buildReportEmail(report, {
      from: 'a@b.example',
      to: ['c@d.example'],
      bodyRowLimit: 200,
    });
    // base64 adds a third to the attachment; the bodies stay small with the row limit.
    expect(email.raw.byteLength).toBeLessThan(MAX_ATTACHMENT_BYTES * 1.4 + 512 * 1024);
  });
});
