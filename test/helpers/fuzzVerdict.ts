import { parseTenantConfig } from '../../lambdas/core/config/parseTenantConfig.js';
import { FILE_REFUSAL_CODES, validateFile } from '../../lambdas/core/index.js';
import { readRecords } from '../../lambdas/core/reading/readRecords.js';
import { sourceOf } from './sources.js';

/** Longest echo a problem may carry: 200 characters and the marker that says how long the value was. */
const MAX_ECHO_WITH_MARKER = 250;

const isBlank = (cells: string[]): boolean =>
  cells.length === 0 || (cells.length === 1 && cells[0]!.trim() === '');

/**
 * Validates hostile bytes and lists every way the verdict breaks the rules of issue #11: one verdict, no throw,
 * every rejected line inside the file and counted once, every record the reader found a row of the verdict,
 * echoes bounded. Shared by the fuzz test (a few seconds) and `npm run bench -- fuzz` (a long campaign).
 */
export const fuzzViolations = async (
  bytes: Buffer,
  encoding: 'auto' | 'utf-8' | 'windows-1252',
  chunkSize: number,
): Promise<string[]> => {
  const violations: string[] = [];
  const check = (ok: boolean, what: string) => {
    if (!ok) violations.push(what);
  };
  const tenant = parseTenantConfig({ tenantId: 'acme', encoding });
  let result: Awaited<ReturnType<typeof validateFile>>;
  try {
    result = await validateFile('customer_fuzz.psv', sourceOf(bytes, chunkSize), tenant);
  } catch (error) {
    return [`validate threw: ${(error as Error).message}`];
  }
  const lines = (bytes.toString('latin1').match(/\r\n|\r|\n/g)?.length ?? 0) + 1;
  if (result.refusal) {
    check(FILE_REFUSAL_CODES.includes(result.refusal.code), `unknown refusal ${result.refusal.code}`);
    check(result.refusal.message.length > 0, 'refusal without a message');
    check(result.contentHashes().size === 0, 'a refused file has customers to sync');
    return violations;
  }
  const rejectedLines = new Set(result.rejected.map((r) => r.line));
  check(
    rejectedLines.size === result.counts.rejectedRows,
    `${rejectedLines.size} rejected lines, ${result.counts.rejectedRows} counted`,
  );
  for (const line of rejectedLines)
    check(line >= 1 && line <= lines, `rejected line ${line} outside 1..${lines}`);
  check(result.counts.rows <= lines, `${result.counts.rows} rows in ${lines} lines`);
  check(
    result.counts.rows - result.counts.rejectedRows >= result.counts.validCustomers,
    'more valid customers than valid rows',
  );
  check(result.contentHashes().size === result.counts.validCustomers, 'hashes and valid customers differ');
  if (result.encoding === 'utf-8' || result.encoding === 'windows-1252') {
    let records = 0;
    await readRecords(sourceOf(bytes, chunkSize), { delimiter: '|', encoding: result.encoding }, (cells) => {
      if (!isBlank(cells)) records += 1;
      return true;
    });
    const expected = records - (result.hasHeader ? 1 : 0);
    check(
      result.counts.rows === expected,
      `${result.counts.rows} rows in the verdict, ${expected} records read`,
    );
  }
  for (const problem of result.rejected) {
    check(Array.from(problem.customerCode).length < MAX_ECHO_WITH_MARKER, 'customer code echoed unbounded');
    check(Array.from(problem.value ?? '').length < MAX_ECHO_WITH_MARKER, 'value echoed unbounded');
  }
  return violations;
};
