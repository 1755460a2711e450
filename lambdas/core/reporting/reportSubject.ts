import { headlineOf } from './headline.js';
import type { SyncReport } from './SyncReport.js';

/**
 * The email subject as it reads in an inbox list: status, brand, file, and the headline in a few words, e.g.
 * "[Customer Sync] Error: Maison Sample customer_20261127.psv - 6 of 10 synced, 4 need a fix".
 */
export const reportSubject = (report: SyncReport): string => {
  const status = report.status === 'success' ? 'Success' : 'Error';
  return `[Customer Sync] ${status}: ${report.tenantName} ${report.file.name} - ${headlineOf(report).short}`;
};
