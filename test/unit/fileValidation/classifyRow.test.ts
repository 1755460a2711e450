import { describe, expect, it } from 'vitest';
import { parseTenantConfig } from '../../../lambdas/core/config/parseTenantConfig.js';
import { CANONICAL_FIELDS } from '../../../lambdas/core/fields.js';
import { classifyRow } from '../../../lambdas/core/fileValidation/classifyRow.js';
import { createRowMapper, type RowMapper } from '../../../lambdas/core/mapping/createRowMapper.js';

/** The mapper of a standard address-rows file with a header: one cell a canonical field. */
const mapper = ((): RowMapper => {
  const resolution = createRowMapper([...CANONICAL_FIELDS], parseTenantConfig({ tenantId: 'maison' }));
  if (!resolution.ok) throw new Error(resolution.refusal.message);
  return resolution.mapper;
})();

const cellsOf = (values: Record<string, string>): string[] =>
  CANONICAL_FIELDS.map((field) => values[field] ?? '');
const row = cellsOf({ customer_code: 'C1', customer_name: 'Bloom', city: 'Paris' });
const quoteError = { code: 'quote_error' as const, message: 'has text after a closing quote' };

describe('classifyRow', () => {
  it('gives the rows to validate of a record with the expected columns', () => {
    expect(classifyRow(row, mapper, undefined, false)).toEqual({ ok: true, rows: mapper.toRows(row) });
  });

  it('refuses a record the scanner flagged, against the customer its cells name', () => {
    expect(classifyRow(row, mapper, quoteError, false)).toEqual({
      ok: false,
      problems: [{ field: 'row', ...quoteError }],
      first: expect.objectContaining({ customer_code: 'C1', customer_name: 'Bloom' }),
      wrongColumnCount: false,
    });
  });

  it('refuses bytes the UTF-8 reading replaced, naming their columns, only when reading with replacement', () => {
    const damaged = cellsOf({ customer_code: 'C1', customer_name: 'Blo\uFFFDm', city: 'P\uFFFDris' });
    const cityColumn = CANONICAL_FIELDS.indexOf('city') + 1;
    const result = classifyRow(damaged, mapper, undefined, true);
    expect(result).toMatchObject({ ok: false, wrongColumnCount: false });
    expect(!result.ok && result.problems).toEqual([
      {
        field: 'row',
        code: 'invalid_bytes',
        message: `holds bytes that are not UTF-8 text (shown as \uFFFD) in column 2, ${cityColumn}: the rest of the file is UTF-8, so export it from the ERP as UTF-8 again (a value pasted from another program is the usual cause)`,
      },
    ]);
    expect(classifyRow(damaged, mapper, undefined, false).ok).toBe(true);
  });

  it('refuses the wrong column count, tolerating extra cells only when empty', () => {
    const expected = mapper.expectedColumns;
    const short = row.slice(0, 3);
    expect(classifyRow(short, mapper, undefined, false)).toEqual({
      ok: false,
      problems: [
        { field: 'row', code: 'column_count', message: `has 3 column(s) where ${expected} were expected` },
      ],
      first: expect.objectContaining({ customer_code: 'C1' }),
      wrongColumnCount: true,
    });
    expect(classifyRow([...row, '', ' '], mapper, undefined, false).ok).toBe(true);
    expect(classifyRow([...row, '', 'x'], mapper, undefined, false)).toMatchObject({
      ok: false,
      problems: [
        { code: 'column_count', message: `has ${expected + 2} column(s) where ${expected} were expected` },
      ],
      wrongColumnCount: true,
    });
  });

  it('gives one reason, the first that applies: the flaw, then replaced bytes, then the column count', () => {
    const damagedShort = ['C1', 'Blo\uFFFDm'];
    const codes = (flaw: typeof quoteError | undefined) =>
      classifyRow(damagedShort, mapper, flaw, true) as { problems: { code: string }[] };
    expect(codes(quoteError).problems.map((p) => p.code)).toEqual(['quote_error']);
    expect(codes(undefined).problems.map((p) => p.code)).toEqual(['invalid_bytes']);
    expect(classifyRow(damagedShort, mapper, undefined, false)).toMatchObject({
      problems: [{ code: 'column_count' }],
    });
  });

  it('holds a refusal against no customer when the record names none', () => {
    expect(classifyRow(['', ''], mapper, undefined, false)).toMatchObject({
      ok: false,
      first: expect.objectContaining({ customer_code: undefined }),
    });
  });
});
