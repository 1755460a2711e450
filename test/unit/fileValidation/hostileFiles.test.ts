import { describe, expect, it } from 'vitest';
import { parseTenantConfig } from '../../../lambdas/core/config/parseTenantConfig.js';
import type { TenantConfigInput } from '../../../lambdas/core/config/tenantConfig.js';
import { CANONICAL_FIELDS } from '../../../lambdas/core/fields.js';
import { validateFile } from '../../../lambdas/core/index.js';
import { encodingOfInvalidUtf8, MAX_RECORD_CHARS } from '../../../lambdas/core/reading/index.js';
import { file, row } from '../../helpers/rows.js';
import { sourceOf } from '../../helpers/sources.js';

const validate = (content: string | Uint8Array, tenant: Partial<TenantConfigInput> = {}) =>
  validateFile(
    'customer_test.psv',
    sourceOf(content, 4096),
    parseTenantConfig({ tenantId: 'acme', ...tenant }),
  );

const problemsOf = (result: Awaited<ReturnType<typeof validate>>) =>
  result.rejected.map(({ line, customerCode, code }) => ({ line, customerCode, code }));

// Issue #11, finding 1: these made fast-csv throw, and `validate` printed a stack trace with no verdict.
describe('quotes the parser cannot read become verdicts with their lines', () => {
  it('rejects a row whose field starts with a quoted word followed by more text, naming its line and column', async () => {
    const result = await validate(
      file(row(), row({ customer_code: 'C2', address_1: '"Dock" 4, Pier 9' }), row({ customer_code: 'C3' })),
    );
    expect(result.refusal).toBeUndefined();
    expect(problemsOf(result)).toEqual([{ line: 3, customerCode: 'C2', code: 'quote_error' }]);
    expect(result.rejected[0]!.message).toMatch(/^This row has text after the closing quote of column \d+/);
    expect(result.counts).toEqual({ rows: 3, customers: 3, validCustomers: 2, rejectedRows: 1 });
  });

  it('rejects every row of the customer whose row had bad quoting, as for any other problem', async () => {
    const result = await validate(
      file(
        row({ address_1: 'x "y" z' }),
        row({ address_type: 'S', address_code: 'A', address_1: '"Quay" 3' }),
        row({ customer_code: 'C2' }),
      ),
    );
    expect(problemsOf(result)).toEqual([
      { line: 2, customerCode: 'C1', code: 'customer_rejected' },
      { line: 3, customerCode: 'C1', code: 'quote_error' },
    ]);
  });

  it('refuses a file whose quote never closes, naming the line where it opened', async () => {
    const result = await validate(
      file(row(), row({ customer_code: 'C2', address_1: '"Dock 4' }), row(), row()),
    );
    expect(result.refusal).toEqual({
      code: 'unclosed_quote',
      message: expect.stringContaining(
        `A quote opened on line 3 (column ${CANONICAL_FIELDS.indexOf('address_1') + 1}) is never closed, so line 3 to the end (line 5)`,
      ),
    });
    // The rows before it were read; the file as a whole is refused, so none of them is synced.
    expect(result.counts.rows).toBe(1);
  });
});

// Issue #11, finding 6: a 5 MB line took 36 s and 426 MB through fast-csv, whose cost grows with the square of a line.
describe('lines longer than a record may be', () => {
  it('rejects a line over the limit with its line and customer, and reads the rows after it', async () => {
    const huge = 'x'.repeat(MAX_RECORD_CHARS * 3);
    const result = await validate(
      file(row(), row({ customer_code: 'C2', notes: huge }), row({ customer_code: 'C3' })),
    );
    expect(problemsOf(result)).toEqual([{ line: 3, customerCode: 'C2', code: 'line_too_long' }]);
    expect(result.rejected[0]!.message).toContain(
      `${(MAX_RECORD_CHARS * 3 + row().length + 1).toLocaleString('en-US')} characters long`,
    );
    expect(result.counts.validCustomers).toBe(2);
  });

  it('rejects a line of nothing but delimiters over the limit, without a customer to name', async () => {
    const result = await validate(file(row(), 'abc|'.repeat(MAX_RECORD_CHARS), row({ customer_code: 'C3' })));
    expect(problemsOf(result)).toEqual([{ line: 3, customerCode: 'abc', code: 'line_too_long' }]);
  });
});

// Issue #11, finding 3: one stray Windows-1252 byte made `auto` read the whole file as Windows-1252, and JOOR got
// "Galeries Ã‰toile" for every correct accent.
describe('a UTF-8 file with a few bytes that are not UTF-8', () => {
  const utf8 = (text: string) => Buffer.from(text, 'utf8');

  it('is read as UTF-8 under auto: correct accents survive and the rows with bad bytes are rejected, named by line', async () => {
    const content = Buffer.concat([
      utf8(file(row({ customer_name: 'Galeries Étoile' }), row({ customer_code: 'C2', city: 'Lyon ' }))),
      Buffer.from([0xe9]),
      utf8(`\n${row({ customer_code: 'C3', customer_name: 'Café Noël' })}`),
    ]);
    const result = await validate(content);
    expect(result.encoding).toBe('utf-8-replacing');
    expect(problemsOf(result)).toEqual([{ line: 3, customerCode: 'C2', code: 'invalid_bytes' }]);
    expect(result.rejected[0]!.message).toMatch(
      /^This row holds bytes that are not UTF-8 text \(shown as �\) in column \d+/,
    );
    expect(result.counts.validCustomers).toBe(2);
  });

  it('still reads a Windows-1252 file (accents as single bytes) as Windows-1252', async () => {
    const result = await validate(Buffer.from(file(row({ customer_name: 'Café Noël' })), 'latin1'));
    expect(result.encoding).toBe('windows-1252');
    expect(result.rejected).toEqual([]);
  });

  // Issue #22, item 5: two correct "É" and two stray cp1252 "é" tied, and the whole file became Windows-1252.
  it('is read as UTF-8 whatever the share of bad bytes: as many strays as sequences, or more', async () => {
    const content = Buffer.concat([
      utf8(file(row({ customer_name: 'Étoile' }), row({ customer_code: 'C2', customer_name: 'École' }))),
      utf8(`\n${row({ customer_code: 'C3', city: 'Orl' })}`),
      Buffer.from([0xe9, 0x61, 0x6e, 0x73]),
      utf8(`\n${row({ customer_code: 'C4', city: 'S' })}`),
      Buffer.from([0xe9, 0x76, 0x72, 0x65, 0xe9]),
    ]);
    const result = await validate(content);
    expect(result.encoding).toBe('utf-8-replacing');
    expect(problemsOf(result)).toEqual([
      { line: 4, customerCode: 'C3', code: 'invalid_bytes' },
      { line: 5, customerCode: 'C4', code: 'invalid_bytes' },
    ]);
    expect(result.counts.validCustomers).toBe(2);
  });

  it('reads as Windows-1252 only a file with no multi-byte UTF-8 sequence at all', () => {
    expect(encodingOfInvalidUtf8({ sequences: 0, invalidBytes: 12 })).toBe('windows-1252');
    expect(encodingOfInvalidUtf8({ sequences: 1, invalidBytes: 1_000 })).toBe('utf-8-replacing');
  });

  it('refuses the same file when the tenant says UTF-8', async () => {
    const content = Buffer.concat([utf8(file(row({ customer_name: 'Étoile' }))), Buffer.from([0xe9])]);
    const result = await validate(content, { encoding: 'utf-8' });
    expect(result.refusal?.code).toBe('undecodable');
  });
});

// Issue #11, finding 5: "Unicode text" from a spreadsheet was refused as binary data.
describe('a UTF-16 file with its byte-order mark', () => {
  const utf16 = (text: string, order: 'le' | 'be') => {
    const le = Buffer.from(`\uFEFF${text}`, 'utf16le');
    return order === 'le' ? le : Buffer.from(le).swap16();
  };

  it('is read in either byte order, whatever the tenant setting', async () => {
    const content = file(row({ customer_name: 'Galeries Étoile 👗' }), row({ customer_code: 'C2' }));
    for (const order of ['le', 'be'] as const) {
      for (const encoding of ['auto', 'utf-8', 'windows-1252'] as const) {
        const result = await validate(utf16(content, order), { encoding });
        expect(result.encoding).toBe(`utf-16${order}`);
        expect(result.refusal).toBeUndefined();
        expect(result.counts).toEqual({ rows: 2, customers: 2, validCustomers: 2, rejectedRows: 0 });
      }
    }
  });

  it('without its mark is refused with a message that says to save it as UTF-8', async () => {
    const result = await validate(Buffer.from(file(row()), 'utf16le'));
    expect(result.refusal?.code).toBe('binary');
    expect(result.refusal?.message).toContain('save it as UTF-8');
  });
});
