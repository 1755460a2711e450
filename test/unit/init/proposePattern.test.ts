import { describe, expect, it } from 'vitest';
import { parseTenantConfig } from '../../../lambdas/core/config/index.js';
import { proposePattern } from '../../../tools/init/proposePattern.js';

/** As the splitter matches a name (lambdas/pipeline/upfrontRefusals.ts): ignoring case. */
const takes = (pattern: string, name: string) => new RegExp(pattern, 'i').test(name);

/**
 * ERP export names: the sample init is given, the pattern expected, the ERP's next export (which must be taken) and
 * a name the pattern must not take (another export, or the same one with a stable part changed).
 */
const NAMES: [name: string, pattern: string, next: string, other: string][] = [
  [
    'tokuisaki_master_utf8_20261127.csv',
    '^tokuisaki_master_utf8_\\d{8}\\.csv$',
    'tokuisaki_master_utf8_20261228.csv',
    'tokuisaki_master_utf16_20261127.csv',
  ],
  [
    'DEBMAS_20261201_0800.csv',
    '^DEBMAS_\\d{8}_\\d{4}\\.csv$',
    'DEBMAS_20270102_1745.csv',
    'DEBMAS_20261201.csv',
  ],
  [
    'clients_maison_20261201.csv',
    '^clients_maison_\\d{8}\\.csv$',
    'clients_maison_20261202.csv',
    'clients_maison_2026120.csv',
  ],
  ['Customer_List_1.csv', '^Customer_List_\\d+\\.csv$', 'Customer_List_12.csv', 'Customer_Lists_1.csv'],
  [
    'Kunden-Export 2026-12-01 (3).txt',
    '^Kunden-Export \\d{4}-\\d{2}-\\d{2} \\(\\d+\\)\\.txt$',
    'Kunden-Export 2027-01-15 (12).txt',
    'Kunden-Export 2026-12-01.txt',
  ],
  [
    'NS_CustomerSearch_Results_20261127T013000Z.csv',
    '^NS_CustomerSearch_Results_\\d{8}T\\d{6}Z\\.csv$',
    'NS_CustomerSearch_Results_20261128T020000Z.csv',
    'NS_ItemSearch_Results_20261127T013000Z.csv',
  ],
  [
    'export_01.12.2026.csv',
    '^export_\\d{2}\\.\\d{2}\\.\\d{4}\\.csv$',
    'export_15.01.2027.csv',
    'export_1.12.2026.csv',
  ],
  [
    'S4HANA_BP_EXPORT_20261127143000.txt',
    '^S4HANA_BP_EXPORT_\\d{14}\\.txt$',
    'S4HANA_BP_EXPORT_20261128090000.txt',
    'S3HANA_BP_EXPORT_20261127143000.txt',
  ],
  [
    'customers-1764208800.psv',
    '^customers-\\d{10}\\.psv$',
    'customers-1764295200.psv',
    'customers-17642.psv',
  ],
  [
    'AIMS360_Customers_112726.csv',
    '^AIMS360_Customers_\\d{6}\\.csv$',
    'AIMS360_Customers_120126.csv',
    'AIMS_Customers_112726.csv',
  ],
  ['clientes_nov2026.csv', '^clientes_[a-zà-ÿ]+\\d{4}\\.csv$', 'clientes_dic2026.csv', 'clientes_2026.csv'],
  [
    'Debitoren_01-Dez-2026.csv',
    '^Debitoren_\\d{2}-[a-zà-ÿ]+-\\d{4}\\.csv$',
    'Debitoren_15-Jan-2027.csv',
    'Debitoren.csv',
  ],
  ['SBO_OCRD_run42.csv', '^SBO_OCRD_run\\d+\\.csv$', 'SBO_OCRD_run1043.csv', 'SBO_OCRD_42.csv'],
  [
    'ApparelMagic-customers-000127.csv',
    '^ApparelMagic-customers-\\d{6}\\.csv$',
    'ApparelMagic-customers-000128.csv',
    'ApparelMagic-vendors-000127.csv',
  ],
  [
    '顧客マスタ_20261127.csv',
    '^顧客マスタ_\\d{8}\\.csv$',
    '顧客マスタ_20261201.csv',
    '商品マスタ_20261127.csv',
  ],
  [
    'Odoo res.partner (2026-11-27 08-30).xlsx.csv',
    '^Odoo res\\.partner \\(\\d{4}-\\d{2}-\\d{2} \\d{2}-\\d{2}\\)\\.xlsx\\.csv$',
    'Odoo res.partner (2026-12-01 17-05).xlsx.csv',
    'Odoo res.partner.xlsx.csv',
  ],
  [
    'BC_Customers_ISO8859_2026-11-27.txt',
    '^BC_Customers_ISO8859_\\d{4}-\\d{2}-\\d{2}\\.txt$',
    'BC_Customers_ISO8859_2027-02-03.txt',
    'BC_Customers_ISO8858_2026-11-27.txt',
  ],
  [
    'exenta_cust_v2_20261127.dat',
    '^exenta_cust_v\\d+_\\d{8}\\.dat$',
    'exenta_cust_v2_20261128.dat',
    'exenta_vend_v2_20261127.dat',
  ],
  ['CIN7_Contacts.csv', '^CIN7_Contacts\\.csv$', 'cin7_contacts.csv', 'CIN7_Contacts_2.csv'],
];

describe('proposePattern', () => {
  it.each(NAMES)('%s → %s', (name, pattern, next, other) => {
    const proposed = proposePattern(name);
    expect(proposed).toBe(pattern);
    expect(takes(proposed, name)).toBe(true);
    expect(takes(proposed, next)).toBe(true);
    expect(takes(proposed, other)).toBe(false);
  });

  it('never keeps the digits of a date or a time as they were in the sample (issue #33)', () => {
    expect(proposePattern('tokuisaki_master_utf8_20261127.csv')).not.toContain('utf\\d');
    for (const [name] of NAMES) expect(proposePattern(name)).not.toMatch(/2026|1127/);
  });

  it('proposes patterns the tenant schema takes (linear time among them)', () => {
    for (const [name] of NAMES)
      expect(() =>
        parseTenantConfig({ tenantId: 'acme', fileNamePattern: proposePattern(name) }),
      ).not.toThrow();
  });
});
