import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseTenantConfig } from '../../lambdas/core/config/index.js';
import { DEFAULT_ACCOUNT, JoorEmulator } from '../../tools/emulators/joor/JoorEmulator.js';
import { runCli } from '../helpers/runCli.js';

const EXPORTS = fileURLToPath(new URL('../fixtures/erp-exports/', import.meta.url));
const dir = mkdtempSync(join(tmpdir(), 'customer-sync-init-'));

/** The CLI with these JOOR variables and none of the machine's. */
const cli = (args: string[], env: Record<string, string> = {}) =>
  runCli(args, {
    ...Object.fromEntries(Object.entries(process.env).filter(([key]) => !key.startsWith('JOOR_'))),
    ...env,
  });

/** init --json on one export: its exit status, its object, and the config it wrote. */
const init = async (file: string, ...more: string[]) => {
  const out = join(dir, `${file}.tenant.json`);
  const result = await cli(
    ['init', join(EXPORTS, file), '--out', out, '--json', ...more],
    more.includes('--joor') ? CREDENTIALS : {},
  );
  return {
    ...result,
    output: JSON.parse(result.stdout || '{}'),
    out,
    written: JSON.parse(readFileSync(out, 'utf8')),
  };
};

const columnsOf = (output: { fields: { field: string; column: string }[] }) =>
  Object.fromEntries(output.fields.map((f) => [f.field, f.column]));

// Each ERP style, what init must find, and the verdict validate owes the file under the config init wrote.
const CASES = [
  {
    file: 'DEBMAS_KNA1_20261201.txt',
    style: 'SAP-style German, partner roles, tab, Windows-1252',
    exit: 1,
    layout: 'address-rows',
    read: { encoding: 'Windows-1252', delimiter: '\t', header: true, lineEnds: 'CRLF' },
    columns: {
      customer_code: 'Kundennummer',
      customer_name: 'Name 1',
      address_type: 'Partnerrolle',
      address_1: 'Straße',
      postal_code: 'Postleitzahl',
      country: 'Land',
      currency: 'Währung',
    },
    config: {
      delimiter: '\t',
      encoding: 'windows-1252',
      template: { addressTypeValues: { billing: ['RE'], shipping: ['WE'] } },
    },
    undecided: [expect.stringMatching(/^"AG" \(1 row\) is neither a billing nor a shipping word/)],
    // The sold-to row (AG) is neither address, and a German shipping address without its postal code.
    verdict: {
      status: 'error',
      rejected: [
        [7, 'address_type', 'invalid_address_type'],
        [9, 'postal_code', 'required'],
      ],
    },
  },
  {
    file: 'CustomerSearchResults_20261201.csv',
    style: 'NetSuite-style wide',
    exit: 0,
    layout: 'wide',
    read: { encoding: 'UTF-8', delimiter: ',', header: true, lineEnds: 'LF' },
    columns: {
      customer_code: 'ID',
      customer_name: 'Company Name',
      price_label: 'Price Level',
      billing_postal_code: 'Billing Zip',
      shipping_state: 'Shipping State/Province',
    },
    config: { delimiter: ',', template: { kind: 'mapped', layout: 'wide' } },
    undecided: [],
    verdict: { status: 'error', rejected: [[5, 'email', 'invalid_email']] },
  },
  {
    file: 'clients_maison_20261201.csv',
    style: 'French, ";", UTF-8 with BOM, Facturation/Livraison',
    exit: 0,
    layout: 'address-rows',
    read: { encoding: 'UTF-8', bom: true, delimiter: ';', header: true, lineEnds: 'CRLF' },
    columns: {
      customer_code: 'Code client',
      customer_name: 'Raison sociale',
      email: 'Adresse e-mail',
      currency: 'Devise',
      price_label: 'Tarif',
      address_type: "Type d'adresse",
      address_2: "Complément d'adresse",
    },
    config: {
      delimiter: ';',
      template: { addressTypeValues: { billing: ['Facturation'], shipping: ['Livraison'] } },
    },
    undecided: [],
    verdict: { status: 'success', rejected: [] },
  },
  {
    file: 'anagrafica_clienti_20261201.txt',
    style: 'Italian, pipe, Fatturazione/Spedizione, a certified email beside the email',
    exit: 0,
    layout: 'address-rows',
    read: { encoding: 'UTF-8', delimiter: '|', header: true, lineEnds: 'LF' },
    columns: {
      customer_code: 'Codice cliente',
      email: 'Email',
      city: 'Località',
      postal_code: 'CAP',
      country: 'Nazione',
      tax_id: 'Partita IVA',
    },
    config: { template: { addressTypeValues: { billing: ['Fatturazione'], shipping: ['Spedizione'] } } },
    undecided: [],
    verdict: { status: 'error', rejected: [[5, 'postal_code', 'required']] },
  },
  {
    file: 'Customer_List_20261201.csv',
    style: 'Business Central-style single address',
    exit: 0,
    layout: 'single',
    read: { encoding: 'UTF-8', bom: true, delimiter: ',', header: true, lineEnds: 'CRLF' },
    columns: {
      customer_code: 'No.',
      customer_name: 'Name',
      price_label: 'Customer Price Group',
      state: 'County',
      country: 'Country/Region Code',
    },
    config: { fileNamePattern: '^Customer_List_\\d{8}\\.csv$', delimiter: ',' },
    undecided: [],
    verdict: { status: 'success', rejected: [] },
  },
];

const CREDENTIALS = {
  JOOR_API_TOKEN: DEFAULT_ACCOUNT.v2Token,
  JOOR_CLIENT_ID: DEFAULT_ACCOUNT.v4.clientId,
  JOOR_CLIENT_SECRET: DEFAULT_ACCOUNT.v4.clientSecret,
  JOOR_USERNAME: DEFAULT_ACCOUNT.v4.username,
  JOOR_PASSWORD: DEFAULT_ACCOUNT.v4.password,
  JOOR_ACCOUNT_ID: DEFAULT_ACCOUNT.accountId,
};

let emulator: JoorEmulator;
let joorUrl: string;
beforeAll(async () => {
  emulator = new JoorEmulator({
    accounts: [
      {
        ...DEFAULT_ACCOUNT,
        referenceData: {
          priceTypes: [
            { currency: 'EUR', label: 'Wholesale' },
            { currency: 'GBP', label: 'Wholesale' },
          ],
          paymentTerms: ['NET30', 'NET60'],
          warehouses: ['MAIN'],
        },
      },
    ],
  });
  joorUrl = await emulator.start();
});
afterAll(() => emulator.stop());

describe('customer-sync init', () => {
  it.each(CASES)('$style: writes a config under which validate gives the file its verdict', async (c) => {
    const result = await init(c.file);
    expect(result.stderr).toBe('');
    expect(result.code).toBe(c.exit);
    expect(result.output.read).toMatchObject(c.read);
    expect(result.output.layout).toBe(c.layout);
    expect(columnsOf(result.output)).toMatchObject(c.columns);
    // --json's fields carry each placement's confidence (issue #33), every earlier key kept.
    for (const field of result.output.fields)
      expect(field).toEqual({
        field: expect.any(String),
        column: expect.any(String),
        position: expect.any(Number),
        confidence: expect.any(Number),
        why: expect.any(Array),
      });
    expect(result.output.undecided.map((u: { message: string }) => u.message)).toEqual(c.undecided);
    expect(result.written).toEqual(result.output.config);
    expect(result.written).toMatchObject(c.config);
    expect(() => parseTenantConfig(result.written)).not.toThrow();
    // validate itself, with the file init wrote, gives the verdict init printed.
    const validate = await cli(['validate', join(EXPORTS, c.file), '--tenant', result.out, '--json']);
    const verdict = JSON.parse(validate.stdout);
    expect(verdict).toEqual(result.output.validation);
    expect(verdict.status).toBe(c.verdict.status);
    expect(
      verdict.rejected
        .filter((r: { code: string }) => r.code !== 'customer_rejected')
        .map((r: { line: number; field: string; code: string }) => [r.line, r.field, r.code]),
    ).toEqual(c.verdict.rejected);
  });

  it('leaves defaults out of the config: no template when the columns already have the canonical names', async () => {
    const path = join(dir, 'customer_standard.psv');
    writeFileSync(
      path,
      'customer_code|customer_name|currency|price_label|address_type|address_1|city|country\nC1|Bloom|EUR|Wholesale|billing|1 rue X|Paris|FR\n',
    );
    const result = await cli([
      'init',
      path,
      '--out',
      join(dir, 'standard.json'),
      '--tenant-id',
      'bloom',
      '--json',
    ]);
    expect(result.code).toBe(0);
    expect(JSON.parse(result.stdout).config).toEqual({ tenantId: 'bloom' });
  });

  it('prints each field’s column and why, what is left, the config and the verdict', async () => {
    const result = await cli([
      'init',
      join(EXPORTS, 'DEBMAS_KNA1_20261201.txt'),
      '--out',
      join(dir, 'sap.json'),
    ]);
    expect(result.code).toBe(1);
    expect(result.stdout).toMatch(
      /^DEBMAS_KNA1_20261201\.txt: Windows-1252, delimiter tab, header row, CRLF line ends, 8 data rows$/m,
    );
    expect(result.stdout).toMatch(/^Address types: RE = billing, WE = shipping, AG = \?$/m);
    expect(result.stdout).toMatch(
      /^customer_code\s+Kundennummer\s+1\.00\s+name "Kundennummer" \(German "kundennummer"\); content: 8 of 8 values are codes/m,
    );
    expect(result.stdout).toMatch(/^ {2}"Erstellt am" \(column 15\): no known name$/m);
    expect(result.stdout).toMatch(/^Left to decide \(1\):$/m);
    expect(result.stdout).toMatch(/^DEBMAS_KNA1_20261201\.txt: some rows were rejected$/m);
  });

  it('with JOOR credentials, takes the reference lists from the account, lists what it lacks and writes valueMaps', async () => {
    const result = await init('Customer_List_20261201.csv', '--joor', joorUrl);
    expect(result.stderr).toBe('');
    expect(result.code).toBe(1);
    const { joor } = result.output;
    expect(joor).toMatchObject({ account: '1001', lists: { priceTypes: 2, paymentTerms: 2, warehouses: 1 } });
    expect(joor.lacking).toEqual([
      { field: 'price_label', value: 'WHOLESALE', rows: 3, proposed: 'Wholesale', how: 'code' },
      { field: 'payment_terms_code', value: '30 DAYS', rows: 2, proposed: 'NET30', how: 'closeness' },
      { field: 'payment_terms_code', value: '60 DAYS', rows: 1, proposed: 'NET60', how: 'closeness' },
      { field: 'sales_rep_code', value: 'JD', rows: 2 },
      { field: 'sales_rep_code', value: 'PS', rows: 1 },
      { field: 'warehouse_code', value: 'EAST', rows: 1 },
      { field: 'currency', value: 'USD', rows: 1 },
    ]);
    expect(result.written).toMatchObject({
      joor: { accountId: '1001' },
      referenceData: { paymentTerms: ['NET30', 'NET60'], warehouses: ['MAIN'] },
      valueMaps: {
        price_label: { WHOLESALE: 'Wholesale' },
        payment_terms_code: { '30 DAYS': 'NET30', '60 DAYS': 'NET60' },
      },
    });
    // The mapped values pass; the customer in USD at warehouse EAST is what the brand must settle with JOOR.
    expect(result.output.validation.status).toBe('error');
    expect(new Set(result.output.validation.rejected.map((r: { line: number }) => r.line))).toEqual(
      new Set([4]),
    );
  });

  it('names the variable a JOOR lookup needs', async () => {
    const { JOOR_ACCOUNT_ID: _, ...withoutAccount } = CREDENTIALS;
    const out = join(dir, 'no-account.json');
    const result = await cli(
      ['init', join(EXPORTS, 'Customer_List_20261201.csv'), '--out', out, '--json', '--joor', joorUrl],
      withoutAccount,
    );
    expect(JSON.parse(result.stdout).joor).toEqual({ error: expect.stringContaining('JOOR_ACCOUNT_ID') });
  });

  it('--out onto a hand-edited config keeps its other blocks, says what it changed, and changes nothing twice', async () => {
    const out = join(dir, 'hand-edited.json');
    const handEdited = {
      tenantId: 'bc-brand',
      delimiter: ';',
      fileNamePattern: '^old_\\d+\\.csv$',
      massDropThreshold: 0.3,
      joor: { environment: 'sandbox', accountId: '1001', secretName: 'customer-sync/bc-brand/joor' },
      report: { recipients: ['erp@brand.example'], sender: 'sync@brand.example' },
      sftp: {
        sshPublicKeys: [
          'ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIAgQq3hJ2ZXxB1b0ycEf5n2l2mQZ8E6qk3Qy7uFv0gA2 erp',
        ],
      },
    };
    writeFileSync(out, JSON.stringify(handEdited));
    const file = join(EXPORTS, 'Customer_List_20261201.csv');
    const first = await cli(['init', file, '--out', out]);
    expect(first.stderr).toBe('');
    expect(first.code).toBe(0);
    const written = JSON.parse(readFileSync(out, 'utf8'));
    expect(written).toMatchObject({
      tenantId: 'bc-brand',
      delimiter: ',',
      fileNamePattern: '^Customer_List_\\d{8}\\.csv$',
      massDropThreshold: 0.3,
      joor: handEdited.joor,
      report: handEdited.report,
      sftp: handEdited.sftp,
    });
    expect(written.template).toMatchObject({ kind: 'mapped' });
    expect(first.stdout).toContain(`Merged into the existing ${out}:`);
    expect(first.stdout).toContain('  changed delimiter: ";" → ","');
    expect(first.stdout).toContain(
      '  changed fileNamePattern: "^old_\\\\d+\\\\.csv$" → "^Customer_List_\\\\d{8}\\\\.csv$"',
    );
    expect(first.stdout).toContain('  added template');
    expect(first.stdout).toContain('  kept as they were: massDropThreshold, joor, report, sftp');
    const again = await cli(['init', file, '--out', out, '--json']);
    expect(JSON.parse(again.stdout).merged).toEqual({
      changed: [],
      added: [],
      removed: [],
      kept: ['massDropThreshold', 'joor', 'report', 'sftp'],
    });
    expect(JSON.parse(readFileSync(out, 'utf8'))).toEqual(written);
  });

  it('refuses to write over a file it cannot merge into without --force, and replaces it with --force', async () => {
    const out = join(dir, 'notes.json');
    writeFileSync(out, 'my notes, not a config');
    const file = join(EXPORTS, 'Customer_List_20261201.csv');
    const refused = await cli(['init', file, '--out', out]);
    expect(refused.code).toBe(2);
    expect(refused.stderr).toContain(`${out} exists and cannot be merged into: it is not JSON`);
    expect(refused.stderr).toContain('Give --force to replace it');
    expect(readFileSync(out, 'utf8')).toBe('my notes, not a config');
    const forced = await cli(['init', file, '--out', out, '--force', '--json']);
    expect(forced.code).toBe(0);
    expect(JSON.parse(readFileSync(out, 'utf8'))).toEqual(JSON.parse(forced.stdout).config);
  });

  it('exits 2 when the file cannot be read', async () => {
    const missing = await cli(['init', join(dir, 'nowhere.csv'), '--out', join(dir, 'x.json')]);
    expect(missing.code).toBe(2);
    expect(missing.stderr).toMatch(/^customer-sync init: Cannot read .*nowhere\.csv: ENOENT\.$/m);
    const binary = join(dir, 'customer_binary.csv');
    writeFileSync(binary, Buffer.from([0x50, 0x4b, 0x03, 0x04, 0x00, 0x00, 0x08, 0x00]));
    const refused = await cli(['init', binary, '--out', join(dir, 'y.json')]);
    expect(refused.code).toBe(2);
    expect(refused.stderr).toMatch(/binary data/);
  });
});
