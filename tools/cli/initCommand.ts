import { access, writeFile } from 'node:fs/promises';
import { basename, extname } from 'node:path';
import { TENANT_ID } from '../../lambdas/core/config/index.js';
import { encodingNameOf } from '../../lambdas/core/reading/index.js';
import { InitError, initExitCode, renderInitText, runInit } from '../init/index.js';
import { ExternalJoorError, resolveExternalJoor } from '../local/externalJoor.js';
import { UsageError } from './UsageError.js';

export interface InitCommandOptions {
  file: string;
  tenantId?: string;
  out?: string;
  /** `sandbox`, `production` or a URL: the account whose reference lists the file is compared with. */
  joor?: string;
  /** The file's encoding, as a WHATWG label, when `init` cannot find it (a Polish Windows-1250 export). */
  encoding?: string;
  json: boolean;
}

/** Exit status for a file that cannot be read at all. */
const EXIT_UNREADABLE = 2;

/** A tenant id from the file's name when none is given: its first word, lower case ("Maison_20261201.csv" → maison). */
const tenantIdFrom = (file: string): string => {
  const word = basename(file, extname(file))
    .toLowerCase()
    .split(/[^a-z]+/)
    .find((w) => w.length >= 3);
  return word && TENANT_ID.test(word) ? word : 'brand';
};

const exists = async (path: string): Promise<boolean> =>
  access(path).then(
    () => true,
    () => false,
  );

/** The JOOR account to ask, from `--joor` and the variables `joor-check` reads, plus JOOR_ACCOUNT_ID for v4 calls. */
const joorAccount = (target: string) => {
  let joor: ReturnType<typeof resolveExternalJoor>;
  try {
    // init only reads: production is as safe to ask as the Sandbox.
    joor = resolveExternalJoor(target, true);
  } catch (error) {
    if (error instanceof ExternalJoorError) throw new UsageError(error.message);
    throw error;
  }
  if (!joor.credentials.v4)
    return {
      error:
        'the reference lists are v4 calls: set JOOR_CLIENT_ID, JOOR_CLIENT_SECRET, JOOR_USERNAME and JOOR_PASSWORD',
    };
  const accountId = process.env.JOOR_ACCOUNT_ID;
  if (!accountId) return { error: 'set JOOR_ACCOUNT_ID to the JOOR account id (v4 calls carry ?account=)' };
  return { baseUrl: joor.baseUrl, authUrl: joor.authUrl, accountId, credentials: joor.credentials };
};

/**
 * `customer-sync init <file> [--tenant-id <id>] [--out <tenant.json>] [--joor …] [--encoding <label>] [--json]`: proposes and writes the
 * tenant config for an ERP export, then validates the file with it. Exit 0 every required field placed and nothing
 * left to decide, 1 a decision left to a person, 2 the file cannot be read.
 */
export const initCommand = async (
  options: InitCommandOptions,
  out: (text: string) => void,
): Promise<number> => {
  const tenantId = options.tenantId ?? tenantIdFrom(options.file);
  if (!TENANT_ID.test(tenantId))
    throw new UsageError(`--tenant-id "${tenantId}" must be 3–40 lower-case letters, digits or hyphens`);
  const encoding = options.encoding === undefined ? undefined : encodingNameOf(options.encoding);
  if (options.encoding !== undefined && encoding === undefined)
    throw new UsageError(
      `--encoding "${options.encoding}" is not an encoding a TextDecoder knows: give a WHATWG label such as utf-8, windows-1250, iso-8859-2, shift_jis, euc-kr, gb18030 or big5`,
    );
  const path = options.out ?? `${tenantId}.tenant.json`;
  if (options.out === undefined && (await exists(path)))
    throw new UsageError(`${path} exists: give --out to write the config there anyway, or elsewhere`);
  let result: Awaited<ReturnType<typeof runInit>>;
  try {
    result = await runInit({
      file: options.file,
      tenantId,
      ...(options.joor ? { joor: joorAccount(options.joor) } : {}),
      ...(encoding ? { encoding } : {}),
    });
  } catch (error) {
    if (!(error instanceof InitError)) throw error;
    process.stderr.write(`customer-sync init: ${error.message}\n`);
    return EXIT_UNREADABLE;
  }
  await writeFile(path, `${JSON.stringify(result.config, null, 2)}\n`);
  out(options.json ? JSON.stringify({ ...result, out: path }) : renderInitText(result, path));
  return initExitCode(result);
};
