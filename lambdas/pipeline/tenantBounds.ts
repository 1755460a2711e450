import * as v from 'valibot';
import { MAX_ARCHIVED_NAME_BYTES } from './keys.js';

/**
 * What one tenant's uploads may cost the platform (SPEC §2.10), the same for every tenant: set in `platform.json`
 * (`bounds`), passed to the Lambdas as environment variables, and read by the local platform from the same
 * variables with the same defaults. Declared once here so that the CDK app and the handlers cannot disagree.
 */
export const TENANT_BOUNDS_DEFAULTS = {
  /**
   * Bytes of a file name (UTF-8). The archive key is `processed/<tenant>/<run id>_superseded_<name>`: up to 92
   * bytes besides the name, so 200 keeps it far below S3's 1,024-byte key limit, and any ERP's names fit.
   */
  maxFileNameBytes: 200,
  /** Bytes of a file: 1 GiB is some 2 million customers, far beyond any brand's list; a splitter reads it in minutes. */
  maxFileBytes: 1024 ** 3,
  /**
   * Minutes during which a tenant's refused files (bad name, cut-off upload, too large) after the first are
   * collected into one digest report, instead of one report (and one email) each.
   */
  refusalDigestMinutes: 60,
} as const;

export const TenantBoundsSchema = v.object({
  maxFileNameBytes: v.optional(
    v.pipe(v.number(), v.integer(), v.minValue(20), v.maxValue(MAX_ARCHIVED_NAME_BYTES)),
    TENANT_BOUNDS_DEFAULTS.maxFileNameBytes,
  ),
  maxFileBytes: v.optional(
    v.pipe(v.number(), v.integer(), v.minValue(1024)),
    TENANT_BOUNDS_DEFAULTS.maxFileBytes,
  ),
  refusalDigestMinutes: v.optional(
    v.pipe(v.number(), v.minValue(1), v.maxValue(24 * 60)),
    TENANT_BOUNDS_DEFAULTS.refusalDigestMinutes,
  ),
});

export type TenantBounds = v.InferOutput<typeof TenantBoundsSchema>;

/** The environment variable that carries each bound to the Lambdas. */
export const BOUND_VARIABLES: Record<keyof TenantBounds, string> = {
  maxFileNameBytes: 'BOUND_MAX_FILE_NAME_BYTES',
  maxFileBytes: 'BOUND_MAX_FILE_BYTES',
  refusalDigestMinutes: 'BOUND_REFUSAL_DIGEST_MINUTES',
};

/** The bounds as the Lambdas' environment (the CDK app sets them from `platform.json`). */
export const boundsEnvironment = (bounds: TenantBounds): Record<string, string> =>
  Object.fromEntries(
    (Object.keys(BOUND_VARIABLES) as (keyof TenantBounds)[]).map((name) => [
      BOUND_VARIABLES[name],
      String(bounds[name]),
    ]),
  );

/**
 * The bounds a function runs with: each variable that is set, checked like `platform.json`; the defaults for the
 * rest. A bad value fails the cold start naming the variable.
 */
export const boundsFromEnvironment = (env: NodeJS.ProcessEnv = process.env): TenantBounds => {
  const given = Object.fromEntries(
    (Object.keys(BOUND_VARIABLES) as (keyof TenantBounds)[])
      .filter((name) => env[BOUND_VARIABLES[name]] !== undefined && env[BOUND_VARIABLES[name]] !== '')
      .map((name) => [name, Number(env[BOUND_VARIABLES[name]])]),
  );
  const result = v.safeParse(TenantBoundsSchema, given);
  if (result.success) return result.output;
  throw new Error(
    `Bad bound in the environment: ${result.issues
      .map((issue) => `${BOUND_VARIABLES[v.getDotPath(issue) as keyof TenantBounds]}: ${issue.message}`)
      .join('; ')}`,
  );
};

/** The defaults, for callers that are given no bounds (tests, older wiring). */
export const DEFAULT_TENANT_BOUNDS: TenantBounds = v.parse(TenantBoundsSchema, {});
