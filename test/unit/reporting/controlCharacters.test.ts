import { simpleParser } from 'mailparser';
import { describe, expect, it } from 'vitest';
import { parseTenantConfig } from '../../../lambdas/core/config/parseTenantConfig.js';
import { validateFile } from '../../../lambdas/core/index.js';
import {
  buildReportEmail,
  escapeControls,
  renderReportText,
  type SyncReport,
} from '../../../lambdas/core/reporting/index.js';
import { file, row } from '../../helpers/rows.js';
import { sourceOf } from '../../helpers/sources.js';
import { terminalControlsIn } from '../../helpers/terminalControls.js';

/** What a hostile (or broken) ERP export can carry in a value: clear the screen, ring the bell. */
const CLEAR_SCREEN = '\u001b[2J';
const BEL = '\u0007';

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

describe('terminal controls in a file never reach a text output as controls (issue #35, finding 8)', () => {
  it('writes C0 (but tab and line feed), DEL and C1 out visibly, and leaves the rest, JSON included, as it was', () => {
    expect(escapeControls(`C1${CLEAR_SCREEN}${BEL}`)).toBe('C1\\u001b[2J\\u0007');
    expect(escapeControls('a\rb\u007fc\u009bd\u0000')).toBe('a\\u000db\\u007fc\\u009bd\\u0000');
    expect(escapeControls('tab\there\nnext line, é 👗')).toBe('tab\there\nnext line, é 👗');
    // Idempotent, and JSON stays JSON that reads back the same value.
    const once = escapeControls(JSON.stringify({ v: `x\u009by\u007f${CLEAR_SCREEN}` }));
    expect(escapeControls(once)).toBe(once);
    expect(JSON.parse(once)).toEqual({ v: `x\u009by\u007f${CLEAR_SCREEN}` });
  });

  it('report.txt and the email’s text part show ESC[2J and a BEL from the file as characters', async () => {
    const validation = await validateFile(
      'customer_1.psv',
      sourceOf(
        file(
          row({ customer_name: `Bloom${CLEAR_SCREEN}`, country: `Z${BEL}Z` }),
          row({ customer_code: `C2${BEL}`, city: '' }),
        ),
        1 << 16,
      ),
      parseTenantConfig({ tenantId: 'acme' }),
    );
    // The values reach the report's rows as they were in the file.
    expect(JSON.stringify(validation.rejected)).toContain('\\u001b[2J');
    const report = reportOf(validation.rejected);
    const text = renderReportText(report, 50);
    expect(terminalControlsIn(text)).toEqual([]);
    expect(text).toContain('Bloom\\u001b[2J');
    expect(text).toContain('Z\\u0007Z');
    expect(text).toContain('C2\\u0007');
    const email = await buildReportEmail(report, {
      from: 'a@b.example',
      to: ['c@d.example'],
      bodyRowLimit: 50,
    });
    const textPart = (await simpleParser(email.raw)).text ?? '';
    expect(terminalControlsIn(textPart)).toEqual([]);
    expect(textPart).toContain('Bloom\\u001b[2J');
  });
});
