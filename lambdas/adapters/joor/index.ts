/** The public face of adapters/joor/: what other folders use of it. */

export {
  type BulkJob,
  commentOf,
  envelopeCodeOf,
  jobsOf,
  recordErrorMessage,
  recordErrorsOf,
} from './bulkConnectionResponses.js';
export { CreditBudget } from './CreditBudget.js';
export {
  type ConnectionForm,
  connectionFormOf,
  OPEN_POINT_VALUES,
} from './connectionForm.js';
export { connectionOf } from './connectionResponses.js';
export { createJoorClient } from './createJoorClient.js';
export {
  BULK_CONNECTION_PATH,
  CREDIT_COST,
  connectionPath,
  customerCodeUrlProblem,
  JOOR_ENDPOINTS,
  RATE_LIMIT_HEADERS,
  REFERENCE_DATA_PATHS,
} from './endpoints.js';
export { JoorError } from './JoorError.js';
export { DEFAULT_RETRY, JoorHttp } from './JoorHttp.js';
export { jobPolling, type PollSettings } from './jobPolling.js';
export { DEFAULT_TOKEN_LIFETIME_S, TokenProvider } from './TokenProvider.js';
export { toConnection } from './toConnection.js';
export { describeV4Errors, v4ErrorsOf } from './v4Responses.js';
