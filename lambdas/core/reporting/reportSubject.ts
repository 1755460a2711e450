import type { SyncReport } from './SyncReport.js';

const plural = (count: number, one: string, many = `${one}s`) => `${count} ${count === 1 ? one : many}`;

/** The email subject: Success or Error, the tenant, the file and the counts that matter. */
export const reportSubject = (report: SyncReport): string => {
  const { counts } = report;
  const parts = report.refusal
    ? [`file refused: ${report.refusal.code.replaceAll('_', ' ')}`]
    : [
        `${plural(counts.accepted, 'customer')} synced`,
        ...(counts.rejectedRows > 0 ? [plural(counts.rejectedRows, 'rejected row')] : []),
        ...(counts.failed > 0 ? [`${counts.failed} failed in JOOR`] : []),
      ];
  const status = report.status === 'success' ? 'Success' : 'Error';
  return `[Customer Sync] ${status}: ${report.tenantName} ${report.file.name} (${parts.join(', ')})`;
};
