import { readFile, writeFile } from 'node:fs/promises';
import { parseTenantConfig } from '../../lambdas/core/config/index.js';
import type { CheckLine } from './CheckLine.js';
import { setJoorSettings, shortDiff } from './fixTenantFile.js';

export interface SettingsFix {
  file: string;
  /** `joor.<key>` → the value written. */
  settings: Record<string, string | boolean>;
  /** Empty when nothing had to change. */
  diff: string;
}

/**
 * `joor-check --fix`: writes into the tenant file the value each settled line names where it differs from the
 * file's, so that the next run and `cdk deploy` use it. The rest of the file is kept as it was; the new text is
 * checked by the tenant schema before it is written.
 */
export const fixSettings = async (file: string, checks: CheckLine[]): Promise<SettingsFix> => {
  const settings = Object.fromEntries(
    checks
      .filter((line) => line.verdict === 'differs' && line.setting !== undefined)
      .map((line) => [line.setting!.key.replace(/^joor\./, ''), line.setting!.value]),
  );
  if (Object.keys(settings).length === 0) return { file, settings, diff: '' };
  const before = await readFile(file, 'utf8');
  const after = setJoorSettings(before, settings);
  parseTenantConfig(JSON.parse(after), file);
  await writeFile(file, after);
  return {
    file,
    settings: Object.fromEntries(Object.entries(settings).map(([key, value]) => [`joor.${key}`, value])),
    diff: shortDiff(before, after),
  };
};
