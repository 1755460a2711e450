import { createReadStream } from 'node:fs';
import { access, readFile, writeFile } from 'node:fs/promises';
import { basename, extname } from 'node:path';
import { parseTenantConfig, TENANT_ID } from '../../lambdas/core/config/index.js';
import { toValidationSummary, validateFile } from '../../lambdas/core/index.js';
import { encodingNameOf } from '../../lambdas/core/reading/index.js';
import {
  type ConfigMerge,
  InitError,
  initExitCode,
  mergeConfig,
  renderInitText,
  runInit,
} from '../init/index.js';
import { ExternalJoorError, resolveExternalJoor } from '../local/externalJoor.js';
import { UsageError } from './UsageError.js';

export interface InitCommandOptions {
  file: string;
  tenantId?: string;
  out?: string;
  /** Replace an existing `--out` file whole instead of merging into it (and replace one that is not a config). */
  force?: boolean;
  /** The file's encoding, as a WHATWG label, when `init` cannot find it (a Polish Windows-1250 export). */
  encoding?: string;
  /** `sandbox`, `production` or a URL: the account whose reference lists the file is compared with. */
  joor?: string;
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

/** The config already at `path`, to merge into: a JSON object, or why it cannot be merged into. */
const existingConfig = async (path: string): Promise<Record<string, unknown> | { cannot: string }> => {
  let parsed: unknown;
  try {
    parsed = JSON.parse(await readFile(path, 'utf8'));
  } catch (error) {
    return {
      cannot: error instanceof SyntaxError ? `it is not JSON (${error.message})` : (error as Error).message,
    };
  }
  return typeof parsed === 'object' && parsed !== null && !Array.isArray(parsed)
    ? (parsed as Record<string, unknown>)
    : { cannot: 'it is not a JSON object' };
};

const shown = (value: unknown): string => {
  const text = value === undefined ? '(default)' : JSON.stringify(value);
  return text.length > 60 ? `${text.slice(0, 57)}…` : text;
};

/** What the merge did, for a person: the keys changed (before → after), added, left to their default, kept. */
const renderMerge = (merge: Omit<ConfigMerge, 'config'>, path: string): string => {
  const lines = [`Merged into the existing ${path}:`];
  if (merge.changed.length + merge.added.length + merge.removed.length === 0)
    lines.push('  nothing changed: the file already says what init proposes');
  for (const change of merge.changed)
    lines.push(`  changed ${change.key}: ${shown(change.before)} → ${shown(change.after)}`);
  for (const key of merge.added) lines.push(`  added ${key}`);
  for (const removed of merge.removed)
    lines.push(`  removed ${removed.key}: ${shown(removed.before)} (its default now applies)`);
  if (merge.kept.length > 0) lines.push(`  kept as they were: ${merge.kept.join(', ')}`);
  return lines.join('\n');
};

/**
 * `customer-sync init <file> [--tenant-id <id>] [--out <tenant.json> [--force]] [--joor …] [--encoding <label>] [--json]`: proposes and
 * writes the tenant config for an ERP export, then validates the file with it. An existing `--out` file is merged
 * into: what init reads from the export replaces its values, every other block (`joor`, `report`, `sftp`…) is kept,
 * and the changes are listed; `--force` replaces it whole. Exit 0 every required field placed and nothing left to
 * decide, 1 a decision left to a person, 2 the file cannot be read.
 */
export const initCommand = async (
  options: InitCommandOptions,
  out: (text: string) => void,
): Promise<number> => {
  const path = options.out ?? `${options.tenantId ?? tenantIdFrom(options.file)}.tenant.json`;
  if (options.out === undefined && (await exists(path)))
    throw new UsageError(`${path} exists: give --out to write the config there anyway, or elsewhere`);
  const existing = options.out !== undefined && (await exists(path)) ? await existingConfig(path) : undefined;
  if (existing && 'cannot' in existing && !options.force)
    throw new UsageError(
      `${path} exists and cannot be merged into: ${existing.cannot}. Give --force to replace it, or another --out`,
    );
  const into = existing && !('cannot' in existing) && !options.force ? existing : undefined;
  // Over an existing config the tenant stays the one it names, unless --tenant-id says otherwise.
  const tenantId =
    options.tenantId ??
    (typeof into?.tenantId === 'string' && TENANT_ID.test(into.tenantId)
      ? into.tenantId
      : tenantIdFrom(options.file));
  if (!TENANT_ID.test(tenantId))
    throw new UsageError(`--tenant-id "${tenantId}" must be 3–40 lower-case letters, digits or hyphens`);
  const encoding = options.encoding === undefined ? undefined : encodingNameOf(options.encoding);
  if (options.encoding !== undefined && encoding === undefined)
    throw new UsageError(
      `--encoding "${options.encoding}" is not an encoding a TextDecoder knows: give a WHATWG label such as utf-8, windows-1250, iso-8859-2, shift_jis, euc-kr, gb18030 or big5`,
    );
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
  if (into) {
    const { config, ...merge } = mergeConfig(into, result.config);
    // The kept blocks are the file's own: checked by the schema before anything is written, and the file
    // validated again under the whole config (a kept `defaults` or `valueMaps` changes the verdict).
    const tenant = parseTenantConfig(config, path);
    const validation = toValidationSummary(
      await validateFile(result.file, () => createReadStream(options.file), tenant, { contentHashes: false }),
    );
    result = { ...result, config, validation };
    await writeFile(path, `${JSON.stringify(config, null, 2)}\n`);
    out(
      options.json
        ? JSON.stringify({ ...result, out: path, merged: merge })
        : `${renderInitText(result, path)}\n\n${renderMerge(merge, path)}`,
    );
    return initExitCode(result);
  }
  await writeFile(path, `${JSON.stringify(result.config, null, 2)}\n`);
  out(options.json ? JSON.stringify({ ...result, out: path }) : renderInitText(result, path));
  return initExitCode(result);
};
