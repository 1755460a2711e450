import { defaultCheckCode } from '../joorCheck/checkCustomer.js';
import { fixSettings, type SettingsFix } from '../joorCheck/fixSettings.js';
import { renderCheckTable } from '../joorCheck/renderCheckTable.js';
import { runJoorCheck } from '../joorCheck/runJoorCheck.js';
import { ExternalJoorError, resolveExternalJoor } from '../local/externalJoor.js';
import { loadTenant } from './loadTenant.js';
import { UsageError } from './UsageError.js';

export interface JoorCheckCommandOptions {
  tenant: string | undefined;
  /** `sandbox`, `production` or a URL; the tenant's own JOOR when not given. */
  joor?: string;
  write: boolean;
  /** Write the values the check settles into the tenant file. */
  fix?: boolean;
  code?: string;
  json: boolean;
  allowProduction: boolean;
}

/** Exit status when something differs from what the pipeline assumes (0 when nothing does). */
const EXIT_DIFFERS = 1;

/**
 * `customer-sync joor-check --tenant t.json [--joor sandbox|<url>] [--write] [--fix] [--code C] [--json]`: the go-live
 * check; `--fix` writes the values of the open points it settles into the tenant file.
 * Credentials come from the environment as for `start --joor`. Reading production is harmless; writing to it needs
 * `--allow-production`.
 */
export const joorCheckCommand = async (
  options: JoorCheckCommandOptions,
  out: (text: string) => void,
): Promise<number> => {
  if (options.tenant === undefined) throw new UsageError('joor-check needs --tenant <tenant.json>');
  const tenant = await loadTenant(options.tenant);
  const target = options.joor ?? tenant.joor.baseUrl ?? tenant.joor.environment;
  let joor: ReturnType<typeof resolveExternalJoor>;
  try {
    joor = resolveExternalJoor(target, options.allowProduction || !options.write);
  } catch (error) {
    if (error instanceof ExternalJoorError) throw new UsageError(error.message);
    throw error;
  }
  // The tenant's own auth host when the check runs against the tenant's own JOOR.
  const authUrl = options.joor === undefined && tenant.joor.authUrl ? tenant.joor.authUrl : joor.authUrl;
  const code = options.code ?? defaultCheckCode(new Date());
  const result = await runJoorCheck({
    tenant,
    joor: { baseUrl: joor.baseUrl, authUrl, credentials: joor.credentials },
    write: options.write,
    code,
  });
  const fix: SettingsFix | undefined = options.fix
    ? await fixSettings(options.tenant, result.checks)
    : undefined;
  if (options.json) {
    out(
      JSON.stringify({
        joor: joor.baseUrl,
        account: tenant.joor.accountId ?? null,
        code,
        write: options.write,
        ok: result.ok,
        checks: result.checks,
        calls: result.calls,
        settings: result.checks.flatMap((line) => (line.setting ? [line.setting] : [])),
        ...(fix ? { fix } : {}),
      }),
    );
  } else {
    out(
      `JOOR ${joor.baseUrl}, account ${tenant.joor.accountId ?? '(none in the config)'}${options.write ? `, test connection ${code}` : ', read-only (add --write to upsert a test connection)'}`,
    );
    out('');
    out(renderCheckTable(result.checks));
    if (fix) {
      out('');
      out(
        fix.diff
          ? `--fix wrote ${Object.entries(fix.settings)
              .map(([key, value]) => `${key} ${JSON.stringify(value)}`)
              .join(', ')} into ${fix.file}:\n${fix.diff}`
          : `--fix: nothing to change in ${fix.file}`,
      );
    }
  }
  return result.ok ? 0 : EXIT_DIFFERS;
};
