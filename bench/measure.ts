// Runs one measured job in a fresh process so that timings and peak memory belong to that job alone.
// The validate benchmark bundles this file the way the Lambdas are bundled and runs it with plain Node:
//   node measure.mjs <parse|parse-16k|validate|validate-hashing> <file>
import { createReadStream } from 'node:fs';
import { parse } from 'fast-csv';
import { parseTenantConfig } from '../lambdas/core/config/index.js';
import { validateFile } from '../lambdas/core/index.js';
import { MAX_TEXT_PIECE } from '../lambdas/core/reading/index.js';

export type MeasureMode = 'parse' | 'parse-16k' | 'validate' | 'validate-hashing';

const [mode, file] = process.argv.slice(2) as [MeasureMode, string];

/** fast-csv's bare parse: a file stream piped into its parser, rows counted and dropped. */
const bareParse = (path: string, highWaterMark?: number): Promise<number> =>
  new Promise((resolve, reject) => {
    let rows = 0;
    createReadStream(path, highWaterMark ? { highWaterMark } : {})
      .pipe(parse({ delimiter: '|' }))
      .on('data', () => {
        rows += 1;
      })
      .on('error', reject)
      .on('end', () => resolve(rows));
  });

const started = process.hrtime.bigint();
let rows: number;
if (mode === 'parse') rows = await bareParse(file);
else if (mode === 'parse-16k') rows = await bareParse(file, MAX_TEXT_PIECE);
else {
  const tenant = parseTenantConfig({ tenantId: 'bench' });
  // `validate` as the command runs it; `validate-hashing` as the splitter's first pass, with content hashes.
  const result = await validateFile(file, () => createReadStream(file), tenant, {
    contentHashes: mode === 'validate-hashing',
  });
  if (result.refusal || result.counts.rejectedRows > 0)
    throw new Error(`unexpected problems: ${JSON.stringify(result.counts)}`);
  rows = result.counts.rows + (result.hasHeader ? 1 : 0);
}
const seconds = Number(process.hrtime.bigint() - started) / 1e9;
process.stdout.write(JSON.stringify({ rows, seconds, maxRssMb: process.resourceUsage().maxRSS / 1024 }));
