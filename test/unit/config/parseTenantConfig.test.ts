import { describe, expect, it } from 'vitest';
import { ConfigError } from '../../../lambdas/core/config/ConfigError.js';
import { defaultTenantConfig, parseTenantConfig } from '../../../lambdas/core/config/parseTenantConfig.js';

const problemsOf = (input: unknown): string[] => {
  try {
    parseTenantConfig(input);
  } catch (error) {
    if (error instanceof ConfigError) return error.problems;
    throw error;
  }
  throw new Error('expected the config to be refused');
};

describe('parseTenantConfig', () => {
  it('fills in the defaults of SPEC §1 and §2', () => {
    const tenant = defaultTenantConfig();
    expect(tenant.template).toEqual({ kind: 'address-rows' });
    expect(tenant.delimiter).toBe('|');
    expect(tenant.header).toBe('auto');
    expect(tenant.encoding).toBe('auto');
    expect(tenant.bulkSize).toBe(500);
    expect(tenant.massDropThreshold).toBe(0.2);
    expect(tenant.joor.environment).toBe('sandbox');
    expect(new RegExp(tenant.fileNamePattern).test('customer_20261127T0100.psv')).toBe(true);
    expect(new RegExp(tenant.fileNamePattern).test('orders.psv')).toBe(false);
  });

  it('takes a mapped template with names and positions', () => {
    const tenant = parseTenantConfig({
      tenantId: 'acme',
      template: {
        kind: 'mapped',
        columns: { customer_code: 'Cust No', city: 7 },
        addressTypeValues: { billing: ['INV'] },
      },
    });
    expect(tenant.template).toEqual({
      kind: 'mapped',
      layout: 'address-rows',
      columns: { customer_code: 'Cust No', city: 7 },
      addressTypeValues: { billing: ['INV'], shipping: [] },
    });
  });

  it('names every bad field with what is wrong', () => {
    const problems = problemsOf({
      tenantId: 'Bad Id',
      delimiter: '#',
      massDropThreshold: 2,
      fileNamePattern: '([',
      report: { recipients: ['not-an-email'] },
      referenceData: { priceTypes: [{ currency: 'US', label: 'x' }] },
    });
    expect(problems).toEqual(
      expect.arrayContaining([
        expect.stringMatching(/^tenantId: /),
        expect.stringMatching(/^delimiter: must be one of/),
        expect.stringMatching(/^massDropThreshold: /),
        expect.stringMatching(/^fileNamePattern: is not a valid regular expression/),
        expect.stringMatching(/^report\.recipients\.0: must be an email address/),
        expect.stringMatching(/^referenceData\.priceTypes\.0\.currency: must be an ISO 4217 code/),
      ]),
    );
  });

  it('refuses a column map naming fields its layout does not have', () => {
    expect(
      problemsOf({ tenantId: 'acme', template: { kind: 'mapped', columns: { billing_city: 'City' } } }),
    ).toEqual([expect.stringMatching(/^template\.columns: maps names that are not canonical fields/)]);
  });

  it('puts the source in the error message', () => {
    expect(() => parseTenantConfig({}, 'tenants/acme.json')).toThrow(
      /Invalid tenants\/acme\.json:\n {2}- tenantId/,
    );
  });

  it('refuses a misspelt key by name, with the key it was likely meant to be, at every level', () => {
    expect(problemsOf({ tenantId: 'acme', massDropTreshold: 0.5 })).toEqual([
      'massDropTreshold: not a setting; did you mean massDropThreshold?',
    ]);
    expect(
      problemsOf({
        tenantId: 'acme',
        report: { timezone: 'Europe/Paris' },
        joor: { enviroment: 'production' },
        referenceData: { paymentTerm: ['NET30'], salesReps: [{ code: 'R1', mail: 'a@b.example' }] },
        template: { kind: 'mapped', columns: { city: 'Ort' }, adressTypeValues: { billing: ['R'] } },
        sftp: { sshPublicKey: [] },
      }),
    ).toEqual(
      expect.arrayContaining([
        'report.timezone: not a setting; did you mean timeZone?',
        'joor.enviroment: not a setting; did you mean environment?',
        'referenceData.paymentTerm: not a setting; did you mean paymentTerms?',
        'referenceData.salesReps.0.mail: not a setting; did you mean email?',
        'template.adressTypeValues: not a setting; did you mean addressTypeValues?',
        'sftp.sshPublicKey: not a setting; did you mean sshPublicKeys?',
      ]),
    );
  });

  it('names the known keys when an unknown one is like none of them', () => {
    expect(problemsOf({ tenantId: 'acme', colour: 'blue' })).toEqual([
      expect.stringMatching(
        /^colour: not a setting \(known: tenantId, displayName, template, .*valueMaps, strictValues, defaults\)$/,
      ),
    ]);
  });

  it('takes value tables and strict fields, and keeps the keys as written', () => {
    const tenant = parseTenantConfig({
      tenantId: 'acme',
      valueMaps: { payment_terms_code: { '30 days': 'NET30' }, country: { Alemania: 'DE' } },
      strictValues: ['payment_terms_code'],
    });
    expect(tenant.valueMaps).toEqual({
      payment_terms_code: { '30 days': 'NET30' },
      country: { Alemania: 'DE' },
    });
    expect(tenant.strictValues).toEqual(['payment_terms_code']);
    expect(defaultTenantConfig().valueMaps).toEqual({});
    expect(defaultTenantConfig().strictValues).toEqual([]);
  });

  it('refuses a value table for a field tables do not translate, a strict field without a table, and a value twice', () => {
    const problems = problemsOf({
      tenantId: 'acme',
      valueMaps: {
        payment_term_code: { '30 days': 'NET30' },
        customer_name: { A: 'B' },
        warehouse_code: { 'Main ': 'WH1', main: 'WH2', ' ': 'WH3' },
        shipping_method_code: { UPS: '' },
      },
      strictValues: ['currency'],
    });
    expect(problems).toEqual(
      expect.arrayContaining([
        'valueMaps.payment_term_code: not a field values are translated for; did you mean payment_terms_code?',
        expect.stringMatching(/^valueMaps\.customer_name: not a field values are translated for \(known: /),
        'valueMaps.warehouse_code: holds the same ERP value twice (keys are matched trimmed, in any case): "Main " and "main"',
        expect.stringMatching(/^valueMaps\.warehouse_code\. : an ERP value must not be empty/),
        expect.stringMatching(/^valueMaps\.shipping_method_code\.UPS: a JOOR value must not be empty/),
      ]),
    );
    expect(
      problemsOf({
        tenantId: 'acme',
        valueMaps: { country: { Alemania: 'DE' } },
        strictValues: ['currency'],
      }),
    ).toEqual(['strictValues: names fields without a table in valueMaps: currency']);
  });

  it('reads the sample tenants, whose every key is a setting', async () => {
    const { readFileSync } = await import('node:fs');
    for (const path of ['samples/tenant.sample.json', 'tenants/maison-sample.json'])
      expect(() => parseTenantConfig(JSON.parse(readFileSync(path, 'utf8')), path)).not.toThrow();
  });
});
