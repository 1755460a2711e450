/** The public face of adapters/joor/: what other folders use of it. */
export { createJoorClient } from './createJoorClient.js';
export {
  BULK_CONNECTION_PATH,
  CREDIT_COST,
  JOOR_ENDPOINTS,
  RATE_LIMIT_HEADERS,
  REFERENCE_DATA_PATHS,
} from './endpoints.js';
