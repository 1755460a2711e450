import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { parseTenantConfig } from '../../lambdas/core/config/index.js';
import { PipelineHarness } from '../helpers/pipelineHarness.js';

const SHIFT_JIS_FILE = join(import.meta.dirname, '../fixtures/encodings/tokuisaki_shift_jis.csv');

let harness: PipelineHarness | undefined;
afterEach(async () => {
  await harness?.stop();
  harness = undefined;
});

/** The Japanese master's tenant: its label, its columns, and defaults for the currency it leaves blank and its price list. */
const { delimiter, encoding, template, defaults } = parseTenantConfig({
  tenantId: 'tokuisaki',
  delimiter: '|',
  encoding: 'shift_jis',
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

describe('the splitter on files as ERPs and Excel write them', () => {
  it("reads a Shift_JIS export with Excel's sep= line by the tenant's label, filling its defaults", async () => {
    harness = await PipelineHarness.start({ delimiter, encoding, template, defaults });
    // Excel's hint names the comma; the tenant's delimiter says pipe: the hint wins, as Excel reads it.
    const bytes = Buffer.concat([Buffer.from('sep=,\r\n'), readFileSync(SHIFT_JIS_FILE)]);
    harness.upload('customer_tokuisaki.csv', bytes);
    await harness.drain();
    const [report] = await harness.reports();
    expect(report).toMatchObject({ counts: { rows: 5, customers: 5, rejectedRows: 0, accepted: 5 } });
    const sent = harness.joor.emulator.connectionsOf().get('C002');
    expect(sent).toMatchObject({ customer_name: 'ビームス株式会社' });
    expect(JSON.stringify(sent)).toContain('Wholesale JPY');
    expect(JSON.stringify(sent)).toContain('JPY');
  });
});
