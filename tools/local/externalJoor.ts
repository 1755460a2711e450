import { JOOR_ENDPOINTS } from '../../lambdas/adapters/joor/index.js';
import { CustomerSyncError } from '../../lambdas/core/index.js';
import type { JoorCredentials } from '../../lambdas/core/ports/index.js';

/** A JOOR that is not the emulator: where it is, and the credentials to call it with. */
export interface ExternalJoor {
  environment: 'sandbox' | 'production';
  baseUrl: string;
  authUrl: string;
  credentials: JoorCredentials;
}

/** Why `--joor` cannot be used as given: the message names what to set. */
export class ExternalJoorError extends CustomerSyncError {
  override name = 'ExternalJoorError';
  readonly code = 'operator_input';
}

const V4_VARIABLES = ['JOOR_CLIENT_ID', 'JOOR_CLIENT_SECRET', 'JOOR_USERNAME', 'JOOR_PASSWORD'] as const;

/**
 * Reads `--joor sandbox|production|<url>` and the credentials from the environment: `JOOR_API_TOKEN` (the v2 token,
 * which the sync needs) and, for v4 calls, all four of `JOOR_CLIENT_ID`, `JOOR_CLIENT_SECRET`, `JOOR_USERNAME`,
 * `JOOR_PASSWORD` or none. Production only with `--allow-production`: a rehearsal belongs in the Sandbox.
 */
export const resolveExternalJoor = (
  target: string,
  allowProduction: boolean,
  env: NodeJS.ProcessEnv = process.env,
): ExternalJoor => {
  let where: Pick<ExternalJoor, 'environment' | 'baseUrl' | 'authUrl'>;
  if (target === 'sandbox' || target === 'production') {
    if (target === 'production' && !allowProduction)
      throw new ExternalJoorError(
        '--joor production writes to the brand’s live JOOR account: add --allow-production if that is meant',
      );
    where = {
      environment: target,
      baseUrl: JOOR_ENDPOINTS[target].api,
      authUrl: JOOR_ENDPOINTS[target].auth,
    };
  } else {
    let url: URL;
    try {
      url = new URL(target);
    } catch {
      throw new ExternalJoorError(`--joor takes sandbox, production or a URL, not "${target}"`);
    }
    const base = url.href.replace(/\/$/, '');
    where = { environment: 'sandbox', baseUrl: base, authUrl: `${base}/auth/` };
  }
  const token = env.JOOR_API_TOKEN;
  if (!token)
    throw new ExternalJoorError('Set JOOR_API_TOKEN to the JOOR v2 API token of the account (--joor)');
  const given = V4_VARIABLES.filter((name) => env[name]);
  if (given.length > 0 && given.length < V4_VARIABLES.length)
    throw new ExternalJoorError(
      `Set ${V4_VARIABLES.filter((name) => !env[name]).join(', ')} too: the v4 credentials go together`,
    );
  return {
    ...where,
    credentials: {
      v2Token: token,
      ...(given.length === V4_VARIABLES.length
        ? {
            v4: {
              clientId: env.JOOR_CLIENT_ID!,
              clientSecret: env.JOOR_CLIENT_SECRET!,
              username: env.JOOR_USERNAME!,
              password: env.JOOR_PASSWORD!,
            },
          }
        : {}),
    },
  };
};
