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
});
