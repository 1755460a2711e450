// Runs one measured job in a fresh process so that timings and peak memory belong to that job alone.
// Usage: node --import tsx bench/measure.ts <parse|validate> <file>
import { createReadStream } from 'node:fs';
import { parse } from 'fast-csv';
import { parseTenantConfig } from '../lambdas/core/config/parseTenantConfig.js';
import { validateFile } from '../lambdas/core/validateFile.js';

const [mode, file] = process.argv.slice(2) as ['parse' | 'validate', string];

const bareParse = (path: string): Promise<number> =>
  new Promise((resolve, reject) => {
    let rows = 0;
    createReadStream(path)
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
else {
  const tenant = parseTenantConfig({ tenantId: 'bench' });
  const result = await validateFile(file, () => createReadStream(file), tenant);
  if (result.refusal || result.counts.rejectedRows > 0)
    throw new Error(`unexpected problems: ${JSON.stringify(result.counts)}`);
  rows = result.counts.rows + (result.hasHeader ? 1 : 0);
}
const seconds = Number(process.hrtime.bigint() - started) / 1e9;
process.stdout.write(JSON.stringify({ rows, seconds, maxRssMb: process.resourceUsage().maxRSS / 1024 }));
