import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { proposeAddressTypeValues } from '../../../tools/init/addressTypeValues.js';
import { buildConfig } from '../../../tools/init/buildConfig.js';
import { InitError } from '../../../tools/init/InitError.js';
import { proposeValueMaps, referenceDataOf } from '../../../tools/init/proposeValueMaps.js';
import { sniffFile } from '../../../tools/init/sniffFile.js';
import type { AccountLists } from '../../../tools/joorAccount/readAccountLists.js';

describe('proposeAddressTypeValues', () => {
  it('reads partner roles and words in several languages, leaving out the ones the pipeline knows', () => {
    const proposal = proposeAddressTypeValues([
      'RE',
      'WE',
      're',
      'B',
      'Facturation',
      'Livraison',
      'Spedizione',
      'AG',
      'AG',
    ]);
    expect(proposal.billing).toEqual(['RE', 'Facturation']);
    expect(proposal.shipping).toEqual(['WE', 'Livraison', 'Spedizione']);
    expect(proposal.neither).toEqual([{ value: 'AG', rows: 2 }]);
    expect(proposal.read).toContainEqual({ value: 'RE', type: 'billing', rows: 2 });
  });
});

describe('proposeValueMaps', () => {
  const account: AccountLists = {
    lists: {
      priceTypes: [{ code: 'Wholesale EUR', name: 'Wholesale EUR', currency: 'EUR' }],
      paymentTerms: [{ code: 'NET30' }, { code: 'NET60' }, { code: 'PREPAID', name: 'Payment in advance' }],
      customerGroups: [{ code: 'BOUTIQUE' }, { code: 'DEPARTMENT' }],
    },
    unavailable: [{ list: 'warehouses', why: 'GET /v4/warehouses answered HTTP 404' }],
  };

  it('matches by code spelt otherwise, by label and by closeness; lists the rest and the currencies the account lacks', () => {
    const proposal = proposeValueMaps(
      new Map([
        ['price_label', ['wholesale-eur', 'wholesale-eur']],
        ['payment_terms_code', ['NET30', '60 Tage', 'Payment in Advance', 'Sofort']],
        ['customer_group_code', ['Boutiqe', 'Outlet']],
        ['currency', ['EUR', 'CHF']],
      ]),
      account,
    );
    expect(proposal.valueMaps).toEqual({
      price_label: { 'wholesale-eur': 'Wholesale EUR' },
      payment_terms_code: { '60 Tage': 'NET60', 'Payment in Advance': 'PREPAID' },
      customer_group_code: { Boutiqe: 'BOUTIQUE' },
    });
    expect(proposal.lacking).toEqual([
      { field: 'price_label', value: 'wholesale-eur', rows: 2, proposed: 'Wholesale EUR', how: 'code' },
      { field: 'payment_terms_code', value: '60 Tage', rows: 1, proposed: 'NET60', how: 'closeness' },
      {
        field: 'payment_terms_code',
        value: 'Payment in Advance',
        rows: 1,
        proposed: 'PREPAID',
        how: 'label',
      },
      { field: 'payment_terms_code', value: 'Sofort', rows: 1 },
      { field: 'customer_group_code', value: 'Boutiqe', rows: 1, proposed: 'BOUTIQUE', how: 'closeness' },
      { field: 'customer_group_code', value: 'Outlet', rows: 1 },
      { field: 'currency', value: 'CHF', rows: 1 },
    ]);
  });

  it('turns the lists JOOR gave into referenceData, leaving out the empty and the missing', () => {
    expect(referenceDataOf({ ...account, lists: { ...account.lists, shippingMethods: [] } })).toEqual({
      priceTypes: [{ currency: 'EUR', label: 'Wholesale EUR' }],
      paymentTerms: ['NET30', 'NET60', 'PREPAID'],
      customerGroups: ['BOUTIQUE', 'DEPARTMENT'],
    });
  });
});

describe('sniffFile', () => {
  const dir = mkdtempSync(join(tmpdir(), 'customer-sync-sniff-'));
  const write = (name: string, bytes: Uint8Array | string) => {
    const path = join(dir, name);
    writeFileSync(path, bytes);
    return path;
  };
  const text = 'Code;Nom;Ville\r\nC1;Café Noël;Lyon\r\nC2;Étoile;Paris\r\n';

  it('reads UTF-16 by its byte-order mark', async () => {
    const sniffed = await sniffFile(write('u16.csv', Buffer.from(`\uFEFF${text}`, 'utf16le')));
    expect(sniffed).toMatchObject({ encoding: 'utf-16le', delimiter: ';', lineEnds: 'CRLF' });
    expect(sniffed.records[1]).toEqual(['C1', 'Café Noël', 'Lyon']);
  });

  it('reads Windows-1252 when no multi-byte UTF-8 sequence is there, and UTF-8 with its BOM', async () => {
    expect(await sniffFile(write('cp.csv', Buffer.from(text, 'latin1')))).toMatchObject({
      encoding: 'windows-1252',
      invalidBytes: 0,
    });
    expect(
      await sniffFile(write('bom.csv', `\uFEFF${text.replaceAll(';', '|').replaceAll('\r\n', '\n')}`)),
    ).toMatchObject({
      encoding: 'utf-8',
      bom: true,
      delimiter: '|',
      lineEnds: 'LF',
    });
  });

  it('chooses the delimiter that splits the lines most regularly, commas inside quotes aside', async () => {
    const sniffed = await sniffFile(write('tab.txt', 'a\tb, c\tc\n1\t"2, 3"\t4\n5\t6\t7\n'));
    expect(sniffed.delimiter).toBe('\t');
  });

  it('cannot read a missing, empty, binary or undelimited file', async () => {
    await expect(sniffFile(join(dir, 'missing.csv'))).rejects.toThrow(InitError);
    await expect(sniffFile(write('empty.csv', ''))).rejects.toThrow(/is empty/);
    await expect(sniffFile(write('bin.csv', Buffer.from([1, 0, 2, 0, 3])))).rejects.toThrow(/binary/);
    await expect(sniffFile(write('one.csv', 'hello\nworld\n'))).rejects.toThrow(/No delimiter/);
  });
});

describe('buildConfig', () => {
  const sniffed = (header: string[]) => ({
    bytes: 100,
    encoding: 'utf-8' as const,
    bom: false,
    invalidBytes: 0,
    lineEnds: 'LF' as const,
    delimiter: ';' as const,
    records: [header],
    complete: true,
  });
  const placement = (target: 'customer_code' | 'customer_name', column: number, header: string) => ({
    target,
    field: target,
    column,
    header,
    confidence: 1,
    why: [],
  });

  it('says header: true when the columns it maps are too few for auto to take the first row for a header', () => {
    const header = ['KUNNR', 'NAME1', 'ERDAT', 'ERNAM', 'KTOKD', 'LOEVM', 'SPERR'];
    const config = buildConfig({
      tenantId: 'sap-brand',
      fileName: 'customer_1.csv',
      sniffed: sniffed(header),
      hasHeader: true,
      layout: 'single',
      placements: [placement('customer_code', 0, 'KUNNR'), placement('customer_name', 1, 'NAME1')],
    });
    expect(config).toEqual({
      tenantId: 'sap-brand',
      delimiter: ';',
      header: true,
      template: { kind: 'mapped', columns: { customer_code: 'KUNNR', customer_name: 'NAME1' } },
    });
  });

  it('names a column by position when its header is repeated', () => {
    const config = buildConfig({
      tenantId: 'brand',
      fileName: 'customer_1.csv',
      sniffed: sniffed(['Name', 'Name']),
      hasHeader: true,
      layout: 'single',
      placements: [placement('customer_name', 1, 'Name')],
    });
    expect(config.template).toEqual({ kind: 'mapped', columns: { customer_name: 2 } });
  });
});
