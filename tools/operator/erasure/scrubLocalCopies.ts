import type { TenantConfig } from '../../../lambdas/core/config/index.js';
import type { SyncReport } from '../../../lambdas/core/reporting/index.js';
import { type ErasureChange, RENDER, type Remaining } from './eraseCustomers.js';
import { FolderObjects } from './FolderObjects.js';
import { scrubJson } from './scrub.js';
import { searchTraces } from './searchTraces.js';
import type { Traces } from './Traces.js';
import type { VersionedObjects } from './VersionedObjects.js';

export interface LocalCopies {
  changes: ErasureChange[];
  /** With --yes: what the search of the folder found of the customers afterwards. */
  remaining?: Remaining[];
}

const REPORT_JSON = 'report.json';

/**
 * The copies `npm start` writes of each run's report (`out/<tenant>/<run>/report.{json,html,txt,csv,eml}`): the
 * JSON erased and the HTML, text and CSV rendered again from it, as in the bucket. The `.eml` is the email as sent
 * (MIME, its parts encoded): it cannot be edited faithfully, so it goes when its report held the customers or its
 * text names them. Keys are given as `<out>/<tenant>/<run>/<file>`. Safe to run twice: a copy without the customers
 * is left alone.
 */
export const scrubLocalCopies = async (
  outDir: string,
  tenant: TenantConfig,
  traces: Traces,
  yes: boolean,
): Promise<LocalCopies> => {
  const objects: VersionedObjects = new FolderObjects(outDir);
  const prefix = `${tenant.tenantId}/`;
  const label = (key: string) => `${outDir.replace(/\/+$/, '')}/${key}`;
  const byFolder = new Map<string, string[]>();
  for (const { key } of await objects.versions(prefix)) {
    const folder = key.slice(0, key.lastIndexOf('/') + 1);
    byFolder.set(folder, [...(byFolder.get(folder) ?? []), key]);
  }
  const changes: ErasureChange[] = [];
  for (const [folder, files] of byFolder) {
    let report: SyncReport | undefined;
    let held = false;
    if (files.includes(`${folder}${REPORT_JSON}`)) {
      try {
        const parsed = JSON.parse(
          (await objects.read({ key: `${folder}${REPORT_JSON}`, isLatest: true })).toString('utf8'),
        );
        traces.addJson(parsed);
        const scrubbed = scrubJson(parsed, traces.codes);
        held = JSON.stringify(scrubbed) !== JSON.stringify(parsed);
        report = scrubbed as SyncReport;
      } catch {
        // Not a report's JSON: its folder's files are judged by their text alone.
      }
    }
    for (const key of files) {
      const text = (await objects.read({ key, isLatest: true })).toString('utf8');
      const names = traces.hitsIn(text).length > 0;
      if (!held && !names) continue;
      const format = RENDER[key.slice(key.lastIndexOf('.') + 1)];
      if (key.endsWith(REPORT_JSON) && report) {
        changes.push({ key: label(key), action: 'rewrite' });
        if (yes) await objects.write(key, Buffer.from(JSON.stringify(report, null, 2)), 'application/json');
      } else if (format && report) {
        changes.push({ key: label(key), action: 'rewrite' });
        if (yes)
          await objects.write(
            key,
            Buffer.from(format.render(report, tenant.report.bodyRowLimit)),
            format.contentType,
          );
      } else {
        changes.push({ key: label(key), action: 'remove' });
        if (yes) await objects.remove({ key, isLatest: true });
      }
    }
  }
  if (!yes) return { changes };
  const hits = await searchTraces(objects, [prefix], traces, {
    tenant,
    isRawFile: () => false,
    skip: () => false,
  });
  const remaining = hits
    .map(({ version, hits: found }) => ({ key: label(version.key), found: traces.kindsOf(found) }))
    .filter((r) => r.found.length > 0);
  return { changes, remaining };
};
