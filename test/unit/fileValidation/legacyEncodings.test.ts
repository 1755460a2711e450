import { createReadStream } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseTenantConfig } from '../../../lambdas/core/config/parseTenantConfig.js';
import { validateFile } from '../../../lambdas/core/index.js';

const SHIFT_JIS_FILE = join(import.meta.dirname, '../../fixtures/encodings/tokuisaki_shift_jis.csv');

/** The Japanese customer master's columns, as a person maps them; its price list and some currencies from defaults. */
const tenant = (encoding: string) =>
  parseTenantConfig({
    tenantId: 'tokuisaki',
    delimiter: ',',
    encoding,
    template: {
      kind: 'mapped',
      columns: {
        customer_code: '顧客コード',
        customer_name: '顧客名',
        postal_code: '郵便番号',
        state: '都道府県',
        city: '市区町村',
        address_1: '住所1',
        country: '国',
        phone: '電話番号',
        currency: '通貨',
      },
    },
    defaults: { currency: 'JPY', price_label: 'Wholesale JPY' },
  });

const validate = (encoding: string) =>
  validateFile('tokuisaki.csv', () => createReadStream(SHIFT_JIS_FILE), tenant(encoding));

describe('a Shift_JIS customer master', () => {
  it('is read right under encoding "shift_jis" (a label the schema refused before)', async () => {
    const result = await validate('shift_jis');
    expect(result.refusal).toBeUndefined();
    expect(result.encoding).toBe('shift_jis');
    expect(result.counts).toEqual({ rows: 5, customers: 5, validCustomers: 5, rejectedRows: 0 });
  });

  it('takes the label in any spelling a TextDecoder knows', () => {
    expect(tenant('SJIS').encoding).toBe('shift_jis');
    expect(tenant('Windows-31J').encoding).toBe('shift_jis');
  });

  it('under auto, is refused naming the encoding to set, not blamed for bad bytes nor read as mojibake', async () => {
    const result = await validate('auto');
    expect(result.refusal).toEqual({
      code: 'undecodable',
      message: expect.stringContaining('it looks like Shift_JIS text. Set "encoding": "shift_jis"'),
    });
    expect(result.rejected).toEqual([]);
  });

  it('under another label, is refused with the label that reads it', async () => {
    for (const encoding of ['utf-8', 'euc-kr']) {
      const result = await validate(encoding);
      expect(result.refusal?.code).toBe('undecodable');
      expect(result.refusal?.message).toMatch(
        /It looks like Shift_JIS text: set "encoding": "shift_jis" in the tenant config\.$/,
      );
    }
  });

  it('read as shift_jis while it is UTF-8, is refused saying so', async () => {
    const utf8 = Buffer.from('顧客コード,顧客名\nC1,株式会社ワールド\n', 'utf8');
    const result = await validateFile(
      'tokuisaki.csv',
      async function* () {
        yield utf8;
      },
      tenant('euc-kr'),
    );
    expect(result.refusal?.message).toMatch(/It reads as UTF-8: set "encoding": "utf-8"/);
  });
});
