import { mkdir, writeFile } from 'node:fs/promises';
import { join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { escapeHtml, headlineOf, renderReportHtml } from '../../lambdas/core/reporting/index.js';
import { galleryReports } from './galleryReports.js';

/** Rows listed in the body, as the sample tenant's default. */
const BODY_ROW_LIMIT = 200;

/**
 * `npm run report-gallery`: one report email of each kind under `out/gallery/`, with an `index.html` linking them,
 * to look at every kind in a browser.
 */
export const writeGallery = async (outDir: string): Promise<string[]> => {
  await mkdir(outDir, { recursive: true });
  const entries = await galleryReports();
  const written: string[] = [];
  for (const { kind, report } of entries) {
    const path = join(outDir, `${kind}.html`);
    await writeFile(path, renderReportHtml(report, BODY_ROW_LIMIT));
    written.push(path);
  }
  const links = entries
    .map(
      ({ kind, title, report }) =>
        `<li style="margin:8px 0;"><a href="${kind}.html">${escapeHtml(title)}</a><br><span style="color:#52606d;">${escapeHtml(headlineOf(report).text)}</span></li>`,
    )
    .join('\n');
  const index = join(outDir, 'index.html');
  await writeFile(
    index,
    `<!DOCTYPE html><html><head><meta charset="utf-8"><title>Customer Sync report gallery</title></head><body style="font-family:Arial,Helvetica,sans-serif;max-width:760px;margin:24px auto;"><h1>Customer Sync: one report of each kind</h1><p>Built from the files in <code>samples/</code> by the pipeline's own functions.</p><ul>${links}</ul></body></html>`,
  );
  return [index, ...written];
};

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const outDir = fileURLToPath(new URL('../../out/gallery/', import.meta.url));
  const written = await writeGallery(outDir);
  process.stdout.write(
    `Report gallery: ${relative(process.cwd(), written[0]!)} (${written.length - 1} reports)\n`,
  );
}
