import { JoorError } from './JoorError.js';

/** JOOR's hosts per environment (SPEC §3). */
export const JOOR_ENDPOINTS = {
  production: { api: 'https://api.jooraccess.com', auth: 'https://atlas.jooraccess.com/auth' },
  sandbox: { api: 'https://apisandbox.jooraccess.com', auth: 'https://atlas-sandbox.jooraccess.com/auth' },
} as const;

export const BULK_CONNECTION_PATH = '/v2/bulk-connection';

const CONNECTION_PREFIX = '/v2/connection/customer_code/';
/** Any origin will do: only how a URL parser normalises the path is looked at. */
const PROBE_ORIGIN = 'https://joor.invalid';

/**
 * Why a customer code cannot go into a JOOR URL, or undefined when it can. `encodeURIComponent` escapes `/`, `?`, `#`
 * and `%`, but leaves `.` and `..` as they are, and URL parsers drop them as dot segments: `..` would make
 * `DELETE /v2/connection/customer_code/../` into `DELETE /v2/connection/`. A code whose path changes once parsed is
 * refused.
 */
export const customerCodeUrlProblem = (customerCode: string): string | undefined => {
  if (customerCode === '') return 'An empty customer code cannot go into a JOOR URL: it names no connection.';
  const path = `${CONNECTION_PREFIX}${encodeURIComponent(customerCode)}/`;
  const parsed = new URL(path, PROBE_ORIGIN).pathname;
  return parsed !== path
    ? `The customer code "${customerCode}" cannot go into a JOOR URL: a URL parser reads ${path} as ${parsed}, another address.`
    : undefined;
};

/** One connection by its code (connection-get, connection-delete); throws for a code that would change the path. */
export const connectionPath = (customerCode: string): string => {
  const problem = customerCodeUrlProblem(customerCode);
  if (problem) throw new JoorError(problem, 'rejected');
  return `${CONNECTION_PREFIX}${encodeURIComponent(customerCode)}/`;
};

/**
 * Reference data lists. Price types are at JOOR's documented path (`/v4/price_types?account=`, create-prices page);
 * no public paths were found for the others, which are to be confirmed against the Sandbox (`joor-check`); they
 * live here so that changing them touches nothing else.
 */
export const REFERENCE_DATA_PATHS = {
  priceTypes: '/v4/price_types',
  paymentTerms: '/v4/payment-terms',
  shippingMethods: '/v4/shipping-methods',
  salesReps: '/v4/sales-reps',
  warehouses: '/v4/warehouses',
  customerGroups: '/v4/customer-groups',
  companyNumbers: '/v4/company-numbers',
} as const;

/** Credits JOOR charges per request (SPEC §3): reads 1, every write (a bulk POST too) 5. */
export const CREDIT_COST = { read: 1, write: 5 } as const;

/**
 * Rate-limit headers. JOOR's rate-limits page names only `X-Throttling-Account-Id` (the account charged); the
 * `X-RateLimit-*` names are assumed, read where present (the emulator sends them), and `joor-check` reports which
 * JOOR sends. The client's own credit count paces it either way.
 */
export const RATE_LIMIT_HEADERS = {
  throttlingAccount: 'x-throttling-account-id',
  limit: 'x-ratelimit-limit',
  remaining: 'x-ratelimit-remaining',
  /** Seconds (decimals allowed) until the window resets. */
  reset: 'x-ratelimit-reset',
} as const;
