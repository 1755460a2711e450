import type { TenantConfig } from '../core/config/index.js';
import type { ObjectStore } from '../core/ports/index.js';
import {
  renderReportCsv,
  renderReportHtml,
  renderReportText,
  type SyncReport,
} from '../core/reporting/index.js';
import { keys } from './keys.js';

/** The rows a report's body lists when the tenant's config (and its `bodyRowLimit`) cannot be read. */
const BODY_ROWS_WITHOUT_CONFIG = 200;

/**
 * The report as JSON, HTML, text and CSV under `reports/<tenant>/<run>/`, each written whole, so that every report
 * has the four files the operator's `run` links to: a run's and a digest's are stored here, an abandoned run's with
 * the same two parts one after the other (abandonFinalize.ts).
 */
export const storeReport = async (
  store: ObjectStore,
  report: SyncReport,
  tenant: TenantConfig | undefined,
): Promise<void> => {
  await storeReportJson(store, report);
  await storeReportRenderings(store, report, tenant);
};

/** The report itself, as JSON: what the renderings, the held reports and the operator's commands read. */
export const storeReportJson = async (store: ObjectStore, report: SyncReport): Promise<void> => {
  await store.putText(keys.report(report.tenantId, report.runId, 'json'), JSON.stringify(report, null, 2), {
    contentType: 'application/json',
  });
};

/** The report rendered for people: HTML and text (the body lists the tenant's `bodyRowLimit` rows), and CSV (all). */
export const storeReportRenderings = async (
  store: ObjectStore,
  report: SyncReport,
  tenant: TenantConfig | undefined,
): Promise<void> => {
  const { tenantId, runId } = report;
  const bodyRowLimit = tenant?.report.bodyRowLimit ?? BODY_ROWS_WITHOUT_CONFIG;
  await store.putText(keys.report(tenantId, runId, 'html'), renderReportHtml(report, bodyRowLimit), {
    contentType: 'text/html; charset=utf-8',
  });
  await store.putText(keys.report(tenantId, runId, 'txt'), renderReportText(report, bodyRowLimit), {
    contentType: 'text/plain; charset=utf-8',
  });
  await store.putText(keys.report(tenantId, runId, 'csv'), renderReportCsv(report), {
    contentType: 'text/csv; charset=utf-8',
  });
};
