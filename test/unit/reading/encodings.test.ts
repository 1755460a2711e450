import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { encodingNameOf } from '../../../lambdas/core/reading/encodingNames.js';
import { guessLegacyEncoding } from '../../../lambdas/core/reading/guessLegacyEncoding.js';
import { ReadError } from '../../../lambdas/core/reading/ReadError.js';
import { type ReadOptions, readRecords } from '../../../lambdas/core/reading/readRecords.js';
import { sourceOf } from '../../helpers/sources.js';

const FIXTURES = join(import.meta.dirname, '../../fixtures/encodings');
const fixture = (name: string): Buffer => readFileSync(join(FIXTURES, name));

/** Each fixture, the encoding it is written in, and the first cells of its header and first row. */
const LEGACY_FILES = [
  {
    name: 'tokuisaki_shift_jis.csv',
    encoding: 'shift_jis',
    header: '顧客コード',
    first: '株式会社ユナイテッドアローズ',
  },
  {
    name: 'tokuisaki_euc_jp.csv',
    encoding: 'euc-jp',
    header: '顧客コード',
    first: '株式会社ユナイテッドアローズ',
  },
  { name: 'kehu_gb18030.csv', encoding: 'gb18030', header: '客户编码', first: '上海服饰贸易有限公司' },
  { name: 'kehu_big5.csv', encoding: 'big5', header: '客戶編號', first: '台北服飾股份有限公司' },
  { name: 'gogaek_euc_kr.csv', encoding: 'euc-kr', header: '고객코드', first: '주식회사 한섬' },
] as const;

const read = async (content: string | Uint8Array, options: Partial<ReadOptions> = {}, chunkSize = 7) => {
  const records: { line: number; cells: string[] }[] = [];
  const summary = await readRecords(
    sourceOf(content, chunkSize),
    { delimiter: ',', encoding: 'utf-8', ...options },
    (cells, line) => {
      records.push({ line, cells });
      return true;
    },
  );
  return { records, summary };
};

describe('encodings by label', () => {
  it('reads Shift_JIS, EUC-JP, GB18030, Big5 and EUC-KR, with characters cut between chunks', async () => {
    for (const file of LEGACY_FILES) {
      // One-byte chunks: every double-byte character is cut in two, so the decoder must carry its first byte.
      const { records, summary } = await read(fixture(file.name), { encoding: file.encoding }, 1);
      expect(summary.encoding).toBe(file.encoding);
      expect(records[0]!.cells[0]).toBe(file.header);
      expect(records[1]!.cells[1]).toBe(file.first);
    }
  });

  it('reads single-byte encodings other than Windows-1252 by their label', async () => {
    // "Łódź" in ISO-8859-2 and Windows-1250: the bytes differ for Ł and ź.
    const latin2 = Uint8Array.from([0xa3, 0xf3, 0x64, 0xbc, 0x2c, 0x50, 0x4c]);
    const windows1250 = Uint8Array.from([0xa3, 0xf3, 0x64, 0x9f, 0x2c, 0x50, 0x4c]);
    expect((await read(latin2, { encoding: 'iso-8859-2' })).records[0]!.cells).toEqual(['Łódź', 'PL']);
    expect((await read(windows1250, { encoding: 'windows-1250' })).records[0]!.cells).toEqual(['Łódź', 'PL']);
  });

  it('refuses bytes a legacy encoding has no character for, naming the encoding', async () => {
    // 0xFF is no Shift_JIS lead byte.
    const error = await read(Uint8Array.from([0x61, 0x2c, 0xff, 0x0a]), { encoding: 'shift_jis' }).catch(
      (e) => e,
    );
    expect(error).toBeInstanceOf(ReadError);
    expect(error.message).toMatch(/not valid Shift_JIS text/);
  });

  it('reads a file that starts with a UTF-8 byte-order mark as UTF-8, whatever the label', async () => {
    const { records, summary } = await read('\uFEFF顧客コード,x\n', { encoding: 'shift_jis' });
    expect(summary.encoding).toBe('utf-8');
    expect(records[0]!.cells).toEqual(['顧客コード', 'x']);
  });

  it('turns labels into WHATWG names, and knows which it does not know', () => {
    expect(encodingNameOf(' SJIS ')).toBe('shift_jis');
    expect(encodingNameOf('latin1')).toBe('windows-1252');
    expect(encodingNameOf('EUC-KR')).toBe('euc-kr');
    expect(encodingNameOf('iso-2022-kr')).toBeUndefined();
    expect(encodingNameOf('klingon')).toBeUndefined();
  });
});

describe('guessLegacyEncoding', () => {
  it('names the legacy CJK encoding each file is written in', () => {
    for (const file of LEGACY_FILES)
      expect(guessLegacyEncoding(fixture(file.name), true)).toBe(file.encoding);
  });

  it('guesses nothing for Western text in Windows-1252, nor for UTF-8', () => {
    const western =
      'name;street;city\nMüller GmbH;Straße 5;Köln\nÉtoile SARL;Rue de la Paix;Besançon\nSão Paulo Ltda;Avenida Paulista 1;São Paulo\nÅkesson AB;Storgatan 1;Göteborg\n';
    expect(guessLegacyEncoding(Buffer.from(western, 'latin1'), true)).toBeUndefined();
    // UTF-8 accented letters are Hangul in EUC-KR and half-width katakana in Shift_JIS: no plausible text either.
    expect(guessLegacyEncoding(Buffer.from(western.repeat(20), 'utf8'), true)).toBeUndefined();
  });
});
