import { describe, expect, it } from 'vitest';
import type { TenantConfig } from '../../../lambdas/core/config/index.js';
import type { SyncReport } from '../../../lambdas/core/reporting/index.js';
import { sendReportEmail } from '../../../lambdas/pipeline/sendReportEmail.js';

const tenant = {
  tenantId: 'maison',
  report: {
    recipients: ['erp@maison.example'],
    sender: 'sync@maison.example',
    bodyRowLimit: 50,
    timeZone: 'UTC',
  },
} as unknown as TenantConfig;
const report = {
  runId: 'r1',
  tenantId: 'maison',
  tenantName: 'Maison',
  environment: 'sandbox',
  file: {
    name: 'customer_1.psv',
    bytes: 10,
    receivedAt: '2026-11-27T08:00:00Z',
    finishedAt: '2026-11-27T08:01:00Z',
  },
  status: 'success',
  counts: {
    rows: 0,
    customers: 0,
    new: 0,
    changed: 0,
    unchanged: 0,
    rejectedRows: 0,
    sent: 0,
    missing: 0,
    superseded: 0,
    quarantinedRows: 0,
    accepted: 0,
    failed: 0,
  },
  rejected: [],
  failures: [],
  superseded: [],
  notes: [],
  missing: [],
  timeZone: 'UTC',
} as unknown as SyncReport;
const noWait = async () => {};

/** A mailer whose sends fail with these errors in turn (and then go through), counting the attempts. */
const failingWith = (...errors: Error[]) => {
  const mailer = {
    attempts: 0,
    sendRaw: async () => {
      const error = errors[mailer.attempts++];
      if (error) throw error;
    },
  };
  return mailer;
};
const awsError = (name: string, httpStatusCode?: number) =>
  Object.assign(new Error(name), { name, $metadata: { httpStatusCode } });

// Found by the concurrent chaos campaign (an SES time-out after SES took the email): the send was tried again, and
// the brand got the report twice.
describe('sending the report email', () => {
  it('tries again when SES answered that it did not send (throttling, a 500)', async () => {
    const mailer = failingWith(awsError('ThrottlingException', 400), awsError('InternalFailure', 500));
    expect(await sendReportEmail(report, tenant, mailer, noWait)).toEqual({ status: 'sent', attempts: 3 });
  });

  it('does not send again after a time-out, when the email may have gone: recorded as possibly not sent', async () => {
    const mailer = failingWith(awsError('TimeoutError'));
    const email = await sendReportEmail(report, tenant, mailer, noWait);
    expect(mailer.attempts).toBe(1);
    expect(email).toMatchObject({ status: 'failed', attempts: 1 });
    expect(email.status === 'failed' && email.reason).toMatch(/may have been sent/);
  });
});
