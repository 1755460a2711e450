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
 * The report as JSON, HTML, text and CSV under `reports/<tenant>/<run>/`, each written whole: every report (a run's,
 * a digest's) is stored here, so each has the four files the operator's `run` links to.
 */
export const storeReport = async (
  store: ObjectStore,
  report: SyncReport,
  tenant: TenantConfig | undefined,
): Promise<void> => {
  const { tenantId, runId } = report;
  const bodyRowLimit = tenant?.report.bodyRowLimit ?? BODY_ROWS_WITHOUT_CONFIG;
  await store.putText(keys.report(tenantId, runId, 'json'), JSON.stringify(report, null, 2), {
    contentType: 'application/json',
  });
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
