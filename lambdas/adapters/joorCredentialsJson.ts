import * as v from 'valibot';
import type { CredentialsProvider, JoorCredentials } from '../core/ports/index.js';

/** A stored credential is read again after this long, so a rotated one is picked up without a redeploy. */
const CACHE_MS = 5 * 60_000;

const filled = v.pipe(v.string(), v.minLength(1));
const V4Schema = v.object({ clientId: filled, clientSecret: filled, username: filled, password: filled });

/**
 * The stored JSON: `{ "v2Token": …, "v4": { clientId, clientSecret, username, password } }` (either or both), or
 * the earlier one-scheme form (`{ "apiVersion": "v2", "token": … }`, or `"v4"` with the four fields at the top),
 * which secrets already stored still hold.
 */
const CurrentSchema = v.pipe(
  v.object({ v2Token: v.optional(filled), v4: v.optional(V4Schema) }),
  v.check((c) => c.v2Token !== undefined || c.v4 !== undefined, 'holds neither v2Token nor v4'),
);

const CredentialsSchema: v.GenericSchema<unknown, JoorCredentials> = v.union([
  CurrentSchema,
  v.pipe(
    v.object({ apiVersion: v.literal('v2'), token: filled }),
    v.transform((legacy) => ({ v2Token: legacy.token })),
  ),
  v.pipe(
    v.object({ apiVersion: v.literal('v4'), ...V4Schema.entries }),
    v.transform(({ apiVersion: _version, ...v4 }) => ({ v4 })),
  ),
]);

/** The credentials in a stored JSON text; `stored` names it (`Secret <name>`): never its values, only its fields. */
const parseJoorCredentials = (text: string | undefined, stored: string): JoorCredentials => {
  let parsed: unknown;
  try {
    parsed = JSON.parse(text ?? '');
  } catch {
    throw new Error(`${stored} is not JSON`);
  }
  const result = v.safeParse(CredentialsSchema, parsed);
  if (result.success) return result.output;
  // A union's issues name no field: name them from the current form's own check.
  const issues = v.safeParse(CurrentSchema, parsed).issues ?? result.issues;
  const fields = issues.map((issue) => v.getDotPath(issue) ?? 'v2Token or v4').join(', ');
  throw new Error(`${stored} does not hold JOOR credentials (check: ${fields})`);
};

/**
 * JOOR credentials read from a store of secrets (Secrets Manager, SSM Parameter Store) by `read`, parsed and cached
 * briefly; `fresh` reads the store again. A malformed value is refused naming the fields, never their values.
 */
export const cachedJoorCredentials = (
  read: () => Promise<string | undefined>,
  stored: string,
  now: () => number,
): CredentialsProvider => {
  let cached: { value: JoorCredentials; until: number } | undefined;
  return async (options) => {
    if (cached && cached.until > now() && !options?.fresh) return cached.value;
    const value = parseJoorCredentials(await read(), stored);
    cached = { value, until: now() + CACHE_MS };
    return value;
  };
};
