import type { Faults } from './faults.js';

/** The lists set up in an emulated account (the same shape as a tenant's `referenceData`, written out here). */
export interface ReferenceData {
  priceTypes?: { currency: string; label: string }[];
  paymentTerms?: string[];
  shippingMethods?: string[];
  salesReps?: { code: string; email: string }[];
  warehouses?: string[];
  customerGroups?: string[];
  companyNumbers?: string[];
}

export interface EmulatedAccount {
  accountId: string;
  /** The v2 API token (sent base64-encoded after `OAuth2 `). */
  v2Token: string;
  v4: { clientId: string; clientSecret: string; username: string; password: string };
  /** Lists that exist in the account; a list left out is not checked. */
  referenceData?: ReferenceData;
}

/**
 * Where JOOR's documents are silent, the emulator can answer either way, so that the client's handling of each is
 * tested (`JOOR_EMULATOR_PROFILE`). Each profile is a JOOR that wants one form of an open point (the tenant setting
 * that fits it in brackets; `joor-check --write` names it):
 * - `documented` (default): our assumptions — `price_types` an object, method codes flat (nested lists dropped),
 *   the email as `customer_email` (`customer_contact_email` dropped), refused records named in `errors[]`, a refusal
 *   answered with a 4xx, the refresh grant honoured, the connection GET under `connections.connection[]`;
 * - `price-types-array`: `price_types` must be a list (the Java exporter's form); the object is refused
 *   (`priceTypes: "array"`);
 * - `nested-method-codes`: method codes kept only nested under `billing.payment_methods[]` /
 *   `shipping.shipping_methods[]`; flat ones dropped without a word (`methodCodes: "nested"`);
 * - `contact-email`: the email kept only as `customer_contact_email`, the name the GET lists; `customer_email`
 *   dropped without a word (`emailField: "customer_contact_email"`);
 * - `retail-currency`: a price type without `price_type_retail_currency_code` is refused (`retailCurrency: true`);
 * - `email-required`: a connection without an email is refused (`emailRequired: true`);
 * - `no-refresh-grant`: the refresh-token grant is refused, as JOOR's sample knows only the password grant
 *   (`refreshGrant: false`);
 * - `table-nesting`: the connection GET answers in the table's literal nesting,
 *   `connections › connections › connection[]`;
 * - `no-record-errors`: a request with an invalid record is refused whole, naming no record;
 * - `refusal-in-envelope`: refusals come with HTTP 200 and a non-zero `response.code`, no job.
 */
export const EMULATOR_PROFILES = [
  'documented',
  'price-types-array',
  'nested-method-codes',
  'contact-email',
  'retail-currency',
  'email-required',
  'no-refresh-grant',
  'table-nesting',
  'no-record-errors',
  'refusal-in-envelope',
] as const;
export type EmulatorProfile = (typeof EMULATOR_PROFILES)[number];

export interface JoorEmulatorOptions {
  profile?: EmulatorProfile;
  creditsPerWindow?: number;
  /** Length of the fixed credit window; `JOOR_EMULATOR_WINDOW_MS` or 300,000. */
  windowMs?: number;
  faults?: Partial<Faults>;
  /** Added to every answer, uniformly between the two bounds. */
  latencyMs?: { min: number; max: number };
  /** How long a bulk job takes: a base plus a time per record. */
  job?: { baseMs: number; perRecordMs: number };
  /** Whether a bulk request with some invalid records queues the valid ones (`accept-valid`) or none (`reject-batch`). */
  partial?: 'accept-valid' | 'reject-batch';
  accounts?: EmulatedAccount[];
  random?: () => number;
  /** The emulator's clock (credit windows, token expiry, job progress); tests move it by hand. */
  now?: () => number;
}

export interface EmulatorStats {
  requests: number;
  byRoute: Record<string, number>;
  credits: number;
  /** The most credits any one account spent in any one window. */
  maxCreditsInWindow: number;
  /** 429s the credit model gave (injected ones are counted under `injected`). */
  throttled: number;
  injected: Record<keyof Faults, number>;
  creates: number;
  updates: number;
  jobs: number;
  refusedRecords: number;
}

export const emptyStats = (): EmulatorStats => ({
  requests: 0,
  byRoute: {},
  credits: 0,
  maxCreditsInWindow: 0,
  throttled: 0,
  injected: { 429: 0, 500: 0, timeout: 0, invalid: 0, short: 0 },
  creates: 0,
  updates: 0,
  jobs: 0,
  refusedRecords: 0,
});

/** An answer before it is written: status and JSON body. */
export interface Answer {
  status: number;
  body: unknown;
}
