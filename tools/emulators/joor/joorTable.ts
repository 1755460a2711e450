/**
 * JOOR's API as its public pages state it, written out here for the emulator alone: nothing in it comes from the
 * client (`lambdas/adapters/joor/`), so that a wrong path, cost or header name in the client meets an emulator that
 * answers it 404, charges otherwise or sends another header, and a contract test fails
 * (`test/contract/joorContract.test.ts`). Each entry names its page at api-docs.jooraccess.com, or says it is
 * assumed.
 */
export const JOOR_TABLE = {
  paths: {
    /** bulk-connection-postput: `POST /v2/bulk-connection`. */
    bulkConnection: '/v2/bulk-connection',
    /** bulk-connection-job-get: `GET /v2/bulk-connection/{job_id}`. */
    bulkJob: /^\/v2\/bulk-connection\/(\d+)$/,
    /** connection-get: `GET /v2/connection/customer_code/{code}/`. */
    connection: /^\/v2\/connection\/customer_code\/([^/]+)\/?$/,
    /** how-to-authenticate: `POST /auth/` on the auth host (the emulator serves it on its own host). */
    auth: ['/auth', '/auth/'],
    /** create-prices: `GET /v4/price_types?account=`. */
    priceTypes: '/v4/price_types',
    /** No public path found for the other lists: these are the names assumed (README, evidence table). */
    assumedLists: {
      paymentTerms: '/v4/payment-terms',
      shippingMethods: '/v4/shipping-methods',
      salesReps: '/v4/sales-reps',
      warehouses: '/v4/warehouses',
      customerGroups: '/v4/customer-groups',
      companyNumbers: '/v4/company-numbers',
    },
  },
  /** rate-limits: a GET costs 1 credit, a POST, PUT or DELETE (a bulk POST too) 5; 300 credits per 300 s. */
  credits: { GET: 1, POST: 5, PUT: 5, DELETE: 5, perWindow: 300, windowMs: 300_000 },
  headers: {
    /** rate-limits: the account a call was charged to. */
    throttlingAccount: 'X-Throttling-Account-Id',
    /** Assumed: the rate-limits page has a section on headers whose names were not seen. */
    limit: 'X-RateLimit-Limit',
    remaining: 'X-RateLimit-Remaining',
    /** Seconds until the window resets. */
    reset: 'X-RateLimit-Reset',
  },
  /** definitions-and-conventions: "Calls made without the Content MIME Type are not processed". */
  contentTypeRequired: true,
} as const;

/** What a call costs, by its method (rate-limits). */
export const creditCostOf = (method: string): number =>
  JOOR_TABLE.credits[method as keyof typeof JOOR_TABLE.credits] ?? JOOR_TABLE.credits.POST;
