import { describe, expect, it } from 'vitest';
import { setJoorSettings, shortDiff } from '../../../tools/joorCheck/fixTenantFile.js';

const FILE = `{
  "tenantId": "acme",
  "joor": {
    "environment": "sandbox",
    "methodCodes": "flat",
    "secretName": "customer-sync/acme/joor"
  },
  "report": { "recipients": ["ops@acme.example"] }
}
`;

describe('setJoorSettings', () => {
  it('replaces a value where it stands and adds a missing key at the end of the joor block, the rest untouched', () => {
    const after = setJoorSettings(FILE, { methodCodes: 'nested', emailRequired: true });
    expect(after).toBe(`{
  "tenantId": "acme",
  "joor": {
    "environment": "sandbox",
    "methodCodes": "nested",
    "secretName": "customer-sync/acme/joor",
    "emailRequired": true
  },
  "report": { "recipients": ["ops@acme.example"] }
}
`);
    expect(JSON.parse(after).joor).toMatchObject({ methodCodes: 'nested', emailRequired: true });
  });

  it('adds to a joor block on one line, to an empty one, and makes one where there is none', () => {
    expect(setJoorSettings('{"tenantId":"a","joor":{"accountId":"1"}}', { priceTypes: 'array' })).toBe(
      '{"tenantId":"a","joor":{"accountId":"1", "priceTypes": "array"}}',
    );
    expect(setJoorSettings('{ "joor": {} }', { refreshGrant: false })).toBe(
      '{ "joor": { "refreshGrant": false } }',
    );
    expect(
      JSON.parse(setJoorSettings('{\n  "tenantId": "a"\n}', { emailField: 'customer_contact_email' })),
    ).toEqual({
      tenantId: 'a',
      joor: { emailField: 'customer_contact_email' },
    });
  });

  it('is not misled by braces and quotes inside strings', () => {
    const text = '{"fileNamePattern":"^c\\\\}\\"{x","joor":{"baseUrl":"http://h/{x}"}}';
    expect(JSON.parse(setJoorSettings(text, { methodCodes: 'nested' }))).toEqual({
      fileNamePattern: '^c\\}"{x',
      joor: { baseUrl: 'http://h/{x}', methodCodes: 'nested' },
    });
  });
});

describe('shortDiff', () => {
  it('shows only the lines that changed', () => {
    expect(shortDiff(FILE, setJoorSettings(FILE, { methodCodes: 'nested' }))).toBe(
      ['@@ line 5 @@', '-    "methodCodes": "flat",', '+    "methodCodes": "nested",'].join('\n'),
    );
  });
});
