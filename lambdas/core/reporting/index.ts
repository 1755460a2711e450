/** The public face of core/reporting/: what other folders use of it. */

export { buildReportEmail } from './buildReportEmail.js';
export { escapeControls, escapeHtml } from './escape.js';
export { headlineOf } from './headline.js';
export { rejectedCustomersOf } from './outcomes.js';
export { renderReportCsv } from './renderReportCsv.js';
export { renderReportHtml } from './renderReportHtml.js';
export { renderReportText } from './renderReportText.js';
export {
  type CustomerFailure,
  NEW_CUSTOMER_NOTE,
  type SyncCounts,
  type SyncReport,
  statusOfCounts,
} from './SyncReport.js';
export { unknownValuesNote } from './unknownValuesNote.js';
