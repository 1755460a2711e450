/** One entry of a v4 answer's `errors[]`: `status` a number or a word (`"DUPLICATED"`, as an integrator's code shows). */
export interface V4Error {
  status?: number | string;
  message?: string;
  details?: unknown;
}

/**
 * The errors a v4 answer carries (`{ data, errors: [{ status, message, details }] }`), whatever its HTTP status:
 * an integrator's code shows HTTP 200 answers with errors, which must not pass for a clean list.
 */
export const v4ErrorsOf = (body: unknown): V4Error[] => {
  const errors = (body as { errors?: unknown })?.errors;
  return Array.isArray(errors) ? errors.filter((e): e is V4Error => typeof e === 'object' && e !== null) : [];
};

/** The errors in JOOR's words: `DUPLICATED: Price type already exists; 404: No route`. */
export const describeV4Errors = (errors: V4Error[]): string =>
  errors
    .map((e) => [e.status, e.message].filter((part) => part !== undefined && part !== '').join(': '))
    .map((text) => text || 'an error without a message')
    .join('; ');
