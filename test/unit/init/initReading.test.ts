import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseTenantConfig } from '../../../lambdas/core/config/index.js';
import { InitError } from '../../../tools/init/InitError.js';
import type { Placement } from '../../../tools/init/placeColumns.js';
import { proposeDefaults } from '../../../tools/init/proposeDefaults.js';
import { runInit } from '../../../tools/init/runInit.js';
import { sniffFile } from '../../../tools/init/sniffFile.js';

const ENCODINGS = join(import.meta.dirname, '../../fixtures/encodings');
const dir = mkdtempSync(join(tmpdir(), 'customer-sync-init-reading-'));
const write = (name: string, content: string | Uint8Array): string => {
  const path = join(dir, name);
  writeFileSync(path, content);
  return path;
};

describe('init reads legacy encodings', () => {
  it('finds each legacy CJK encoding by trying decoders, and reads the header in it', async () => {
    const cases = [
      ['tokuisaki_shift_jis.csv', 'shift_jis', '顧客コード'],
      ['tokuisaki_euc_jp.csv', 'euc-jp', '顧客コード'],
      ['kehu_gb18030.csv', 'gb18030', '客户编码'],
      ['kehu_big5.csv', 'big5', '客戶編號'],
      ['gogaek_euc_kr.csv', 'euc-kr', '고객코드'],
    ] as const;
    for (const [file, encoding, header] of cases) {
      const sniffed = await sniffFile(join(ENCODINGS, file));
      expect(sniffed.encoding).toBe(encoding);
      expect(sniffed.records[0]![0]).toBe(header);
    }
  });

  it('writes the label into the config, and no garbled name', async () => {
    const result = await runInit({ file: join(ENCODINGS, 'tokuisaki_shift_jis.csv'), tenantId: 'tokuisaki' });
    expect(result.read.encoding).toBe('Shift_JIS');
    expect(result.config.encoding).toBe('shift_jis');
    expect(JSON.stringify(result.config)).not.toContain('\uFFFD');
    expect(parseTenantConfig(result.config).encoding).toBe('shift_jis');
    // validate, run by init under that config, reads the file: it is not refused for its bytes.
    expect(result.validation.refusal?.code).not.toBe('undecodable');
    expect(result.validation.counts.rows).toBeGreaterThanOrEqual(5);
  });

  it('stops (exit 2) rather than write names with bytes that are not UTF-8 into the config', async () => {
    // UTF-8 all through but for a header written in another encoding (ISO-8859-2 "Miejscowość").
    const header = Buffer.concat([
      Buffer.from('Kod;Nazwa;Miejscowo'),
      Buffer.from([0xb6, 0xe6]),
      Buffer.from('\n'),
    ]);
    const rows = Buffer.from(
      'K1;Łódź Moda;Łódź\nK2;Kraków Styl;Kraków\nK3;Gdańsk Sp. z o.o.;Gdańsk\n',
      'utf8',
    );
    const path = write('klienci.csv', Buffer.concat([header, rows]));
    const error = await sniffFile(path).catch((e) => e);
    expect(error).toBeInstanceOf(InitError);
    expect(error.message).toMatch(/header row holds bytes that are not UTF-8.*--encoding/);
  });

  it('reads in the encoding it is told', async () => {
    const path = write('klienci_1250.csv', Buffer.from([0x4b, 0x3b, 0xa3, 0xf3, 0x64, 0x9f, 0x0a]));
    const sniffed = await sniffFile(path, 'windows-1250');
    expect(sniffed.records[0]).toEqual(['K', 'Łódź']);
  });
});

describe("init and Excel's sep= line", () => {
  it('takes the delimiter from it and proposes a config that reads the file', async () => {
    const path = write(
      'customer_excel.csv',
      'sep=;\r\ncustomer_code;customer_name;currency;price_label;address_type;address_1;city;postal_code;country\r\nC1;Bloom;EUR;Wholesale EUR;billing;1 Rue de Rivoli;Paris;75001;FR\r\n',
    );
    const result = await runInit({ file: path, tenantId: 'excel' });
    expect(result.read.delimiter).toBe(';');
    expect(result.config.delimiter).toBe(';');
    expect(result.notes).toContainEqual(expect.stringContaining('"sep=;"'));
    expect(result.validation.counts).toMatchObject({ rows: 1, validCustomers: 1 });
  });
});

describe('init proposes defaults', () => {
  const NAV = [
    'No.;Name;Address;City;Post Code;Country/Region Code;Currency Code',
    '10000;Modehaus Berger;Hauptstr. 1;München;80331;DE;',
    '20000;Boutique Lugano;Via Nassa 5;Lugano;6900;CH;CHF',
    '30000;Kaufhaus Nord;Jungfernstieg 7;Hamburg;20354;DE;',
  ].join('\r\n');
  const placements: Placement[] = [
    { target: 'customer_code', field: 'customer_code', column: 0, why: [], confidence: 1 },
    { target: 'country', field: 'country', column: 5, why: [], confidence: 1 },
    { target: 'currency', field: 'currency', column: 6, why: [], confidence: 1 },
  ];
  const data = NAV.split('\r\n')
    .slice(1)
    .map((line) => line.split(';'));

  it("for a currency left blank (NAV's own currency) and a price list the export lacks, asking a person", () => {
    const proposals = proposeDefaults({ placements, data });
    expect(proposals).toEqual([
      {
        field: 'currency',
        value: 'EUR',
        rows: 2,
        message: expect.stringMatching(
          /^currency is blank on 2 of 3 rows .*"defaults": \{ "currency": "EUR" \}/,
        ),
      },
      {
        field: 'price_label',
        rows: 3,
        message: expect.stringContaining('run init with --joor'),
      },
    ]);
  });

  it("offers the JOOR account's price types, and takes the currency the file does not name", () => {
    const priceTypes = [
      { currency: 'EUR', label: 'Wholesale EUR' },
      { currency: 'CHF', label: 'Wholesale CHF' },
      { currency: 'USD', label: 'Wholesale USD' },
    ];
    const one = proposeDefaults({ placements, data, priceTypes: priceTypes.slice(0, 2) });
    expect(one.map((p) => [p.field, p.value])).toEqual([
      ['currency', 'EUR'],
      ['price_label', 'Wholesale EUR'],
    ]);
    const two = proposeDefaults({
      placements,
      data,
      priceTypes: [...priceTypes, { currency: 'EUR', label: 'Retail EUR' }],
    });
    expect(two[1]!.message).toContain(`"Wholesale EUR", "Retail EUR"`);
  });

  it('as undecided points of init, which exits 1', async () => {
    const result = await runInit({ file: write('Customer_List_nav.csv', NAV), tenantId: 'nav' });
    expect(result.undecided).toContainEqual({
      point: 'defaults.price_label',
      message: expect.stringContaining('"defaults": { "price_label"'),
    });
    expect(result.config.defaults).toBeUndefined();
  });
});
