import { describe, expect, it } from 'vitest';
import { parseTenantConfig } from '../../../lambdas/core/config/parseTenantConfig.js';
import { validateFile } from '../../../lambdas/core/index.js';
import { readRecords } from '../../../lambdas/core/reading/readRecords.js';
import { sepHintOf } from '../../../lambdas/core/reading/sepHint.js';
import { file, row } from '../../helpers/rows.js';
import { sourceOf } from '../../helpers/sources.js';

const read = async (content: string, delimiter = '|', chunkSize = 7) => {
  const records: { line: number; cells: string[] }[] = [];
  const summary = await readRecords(
    sourceOf(content, chunkSize),
    { delimiter, encoding: 'utf-8' },
    (cells, line) => {
      records.push({ line, cells });
      return true;
    },
  );
  return { records, summary };
};

describe("Excel's sep= line", () => {
  it('takes the delimiter from it, skips it and keeps the file its line numbers, however the text is cut', async () => {
    for (const chunkSize of [1, 2, 5, 64]) {
      const { records, summary } = await read('sep=;\r\na;b\r\nc;"d;e"\r\n', '|', chunkSize);
      expect(records).toEqual([
        { line: 2, cells: ['a', 'b'] },
        { line: 3, cells: ['c', 'd;e'] },
      ]);
      expect(summary).toMatchObject({ delimiter: ';', sepLine: true, lines: 3 });
    }
  });

  it('reads the quoted form, any case, after a BOM, and a file of the hint alone', async () => {
    expect((await read('\uFEFF"SEP=,"\na,b\n')).records).toEqual([{ line: 2, cells: ['a', 'b'] }]);
    expect((await read('sep=\t\na\tb')).records).toEqual([{ line: 2, cells: ['a', 'b'] }]);
    expect((await read('sep=;')).records).toEqual([]);
  });

  it('leaves a first line that only starts like a hint alone', async () => {
    const { records, summary } = await read('sep=;x|y\nsep|z\n');
    expect(records[0]).toEqual({ line: 1, cells: ['sep=;x', 'y'] });
    expect(summary.sepLine).toBe(false);
    expect(sepHintOf('sep', false)).toBe('more');
    expect(sepHintOf('sep=;\r', false)).toBe('more');
    expect(sepHintOf('sep=;\r', true)).toEqual({ delimiter: ';', length: 6 });
    expect(sepHintOf('customer', false)).toBe('none');
    // Only the delimiters JOOR's files use: a hint cannot open the door to others.
    expect(sepHintOf('sep=:\na:b', false)).toBe('none');
  });

  it('is honoured by validate: the rows are read with its delimiter and rejected on their own lines', async () => {
    const content = `sep=;\n${file(row(), row({ customer_code: 'C2', city: '' })).replaceAll('|', ';')}\n`;
    const result = await validateFile(
      'customer_x.csv',
      sourceOf(content, 16),
      parseTenantConfig({ tenantId: 'acme' }),
    );
    expect(result.refusal).toBeUndefined();
    expect(result.counts).toMatchObject({ rows: 2, customers: 2, validCustomers: 1 });
    expect(result.rejected).toEqual([
      expect.objectContaining({ line: 4, customerCode: 'C2', field: 'city' }),
    ]);
  });
});
