import fc from 'fast-check';
import { parseString } from 'fast-csv';
import { describe, expect, it } from 'vitest';
import { readRecords } from '../../lambdas/core/reading/readRecords.js';
import { sourceOf } from '../helpers/sources.js';

/** fast-csv on a whole text with the reader's options: its rows, or the error it throws. */
const fastCsv = (text: string, delimiter: string): Promise<{ rows: string[][] } | { error: string }> =>
  new Promise((resolve) => {
    const rows: string[][] = [];
    parseString(text, { delimiter, quote: '"', escape: '"', headers: false, ignoreEmpty: false, trim: false })
      .on('data', (row: string[]) => rows.push(row))
      .on('error', (error: Error) => resolve({ error: error.message }))
      .on('end', () => resolve({ rows }));
  });

/** The physical line each record starts on, counted the slow, obvious way from the rows fast-csv read. */
const expectedLines = (rows: string[][]): number[] => {
  let line = 1;
  return rows.map((cells) => {
    const start = line;
    const joined = cells.join('');
    line += 1 + (joined.match(/\r\n|\r|\n/g)?.length ?? 0);
    return start;
  });
};

const read = async (text: string, chunkSize: number, delimiter = '|') => {
  const records: { line: number; cells: string[]; flaw?: string }[] = [];
  const summary = await readRecords(
    sourceOf(text, chunkSize),
    { delimiter, encoding: 'utf-8' },
    (cells, line, flaw) => {
      records.push({ line, cells, ...(flaw ? { flaw: flaw.code } : {}) });
      return true;
    },
  );
  return { records, summary };
};

const texts = fc
  .array(fc.constantFrom('a', 'é', ' ', '\u00a0', '\t', '"', '|', ',', '\n', '\r', '\r\n', '""'), {
    maxLength: 60,
  })
  .map((parts) => parts.join(''));
const delimiters = fc.constantFrom('|', '\t', ',');

describe('the record scanner agrees with fast-csv, its parser', () => {
  it('flags a record exactly when fast-csv would throw on it, and otherwise reads what fast-csv reads, on the same lines', async () => {
    await fc.assert(
      fc.asyncProperty(
        texts,
        fc.integer({ min: 1, max: 9 }),
        delimiters,
        async (text, chunkSize, delimiter) => {
          const oracle = await fastCsv(text, delimiter);
          const { records, summary } = await read(text, chunkSize, delimiter);
          const flawless = summary.unclosedQuote === undefined && records.every((r) => r.flaw === undefined);
          expect(flawless).toBe('rows' in oracle);
          if ('rows' in oracle) {
            expect(records.map((r) => r.cells)).toEqual(oracle.rows);
            expect(records.map((r) => r.line)).toEqual(expectedLines(oracle.rows));
          }
        },
      ),
      { numRuns: 2000 },
    );
  });

  it('never throws on content, and every line is either in a record or after a quote that never closed', async () => {
    await fc.assert(
      fc.asyncProperty(texts, fc.integer({ min: 1, max: 9 }), async (text, chunkSize) => {
        const { records, summary } = await read(text, chunkSize);
        const lines = records.map((r) => r.line);
        expect(lines).toEqual([...lines].sort((a, b) => a - b));
        const breaks = text.match(/\r\n|\r|\n/g)?.length ?? 0;
        const openLast = text.length > 0 && !/[\r\n]$/.test(text);
        expect(summary.lines).toBe(breaks + (openLast ? 1 : 0));
        if (summary.unclosedQuote)
          expect(summary.unclosedQuote.line).toBeGreaterThanOrEqual(lines.at(-1) ?? 1);
      }),
      { numRuns: 2000 },
    );
  });
});
