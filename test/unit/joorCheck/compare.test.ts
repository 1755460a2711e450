import { describe, expect, it } from 'vitest';
import { connectionOf } from '../../../lambdas/adapters/joor/index.js';
import { defaultTenantConfig } from '../../../lambdas/core/config/index.js';
import { checkCustomer, defaultCheckCode } from '../../../tools/joorCheck/checkCustomer.js';
import { compareConnection } from '../../../tools/joorCheck/compareConnection.js';
import { compareReferenceList } from '../../../tools/joorCheck/compareLists.js';
import { renderCheckTable } from '../../../tools/joorCheck/renderCheckTable.js';

describe('compareReferenceList', () => {
  it('is ok when the config and JOOR list the same codes, in any order', () => {
    expect(compareReferenceList('customerGroups', ['A', 'B'], ['B', 'A']).verdict).toBe('ok');
  });

  it('names what each side lacks', () => {
    const line = compareReferenceList('warehouses', ['NYC', 'PAR'], ['NYC', 'LDN']);
    expect(line).toEqual({
      check: 'reference data: warehouses',
      expected: 'NYC, PAR',
      answered: 'JOOR lacks PAR; the config lacks LDN',
      verdict: 'differs',
    });
  });

  it('does not check a list the config leaves out (the pipeline does not either)', () => {
    expect(compareReferenceList('salesReps', undefined, ['REP1']).verdict).toBe('ok');
  });

  it('shows at most eight entries and counts the rest', () => {
    const joor = Array.from({ length: 12 }, (_, k) => `C${k}`);
    expect(compareReferenceList('x', [], joor).answered).toBe(
      'the config lacks C0, C1, C2, C3, C4, C5, C6, C7 and 4 more',
    );
  });
});

describe('compareConnection', () => {
  const sent = {
    customer_code: 'C1',
    customer_name: 'Boutique',
    warehouses: [{ warehouse_code: 'NYC' }],
    price_types: { price_type_currency_code: 'USD', price_type_label: 'Wholesale' },
  };

  it('finds each field wherever JOOR nests it, and says where when the place differs', () => {
    const read = {
      ...sent,
      warehouses: { warehouse: [{ warehouse_code: 'NYC', warehouse_name: 'New York' }] },
    };
    const lines = compareConnection(sent, read);
    expect(lines.every((line) => line.verdict === 'ok')).toBe(true);
    expect(lines.find((line) => line.check === 'field warehouse_code')?.answered).toBe(
      'NYC (at warehouses.warehouse[0].warehouse_code)',
    );
    expect(lines.find((line) => line.check === 'field customer_name')?.answered).toBe('Boutique');
  });

  it('differs when JOOR holds another value, or none: a field it dropped is one it does not know', () => {
    const read = { customer_code: 'C1', customer_name: 'BOUTIQUE', warehouses: [{ warehouse_code: 'NYC' }] };
    const lines = compareConnection(sent, read);
    expect(lines.find((line) => line.check === 'field customer_name')).toMatchObject({
      verdict: 'differs',
      answered: 'BOUTIQUE',
    });
    expect(lines.find((line) => line.check === 'field price_type_label')).toMatchObject({
      verdict: 'differs',
      answered: "not in JOOR's answer (sent at price_types.price_type_label)",
    });
  });
});

describe('connectionOf', () => {
  const connection = { customer_code: 'C1' };
  it.each([
    [{ connections: { response: { code: 0 }, connection: [connection] } }, 'connections.connection[]'],
    [{ connections: { connection } }, 'connections.connection'],
    [{ connections: [connection] }, 'connections[]'],
    [{ connection, response: { code: 0 } }, 'connection'],
    // connection-get's table read literally: a root `connections` holding `response` and a second `connections`.
    [
      { connections: { response: { code: 0 }, connections: { connection: [connection] } } },
      'connections.connections.connection[]',
    ],
    [{ data: { items: [{ meta: {} }, { connection }] } }, 'data.items[].connection'],
    [connection, '(the answer itself)'],
  ])('reads the connection from %j and names the shape', (body, shape) => {
    expect(connectionOf(body)).toEqual({ connection, shape });
  });

  it('prefers the connection with the code asked for', () => {
    const other = { customer_code: 'C2' };
    expect(connectionOf({ connections: { connection: [other, connection] } }, 'C1')).toEqual({
      connection,
      shape: 'connections.connection[]',
    });
  });

  it('finds none in an answer without one', () => {
    expect(
      connectionOf({ connections: { response: { code: 1, comment: 'Connection not found' } } }),
    ).toBeUndefined();
  });
});

describe('the test connection', () => {
  it('is named by the day, so that a second check the same day updates it', () => {
    expect(defaultCheckCode(new Date('2026-11-28T23:59:00Z'))).toBe('CSYNC-CHECK-20261128');
  });

  it('carries the first code of each list the config names, and JOOR’s price type when the config has none', () => {
    const tenant = {
      ...defaultTenantConfig(),
      referenceData: { warehouses: ['PAR', 'NYC'], salesReps: [{ code: 'R9', email: 'r9@brand.example' }] },
    };
    const customer = checkCustomer(tenant, 'CSYNC-CHECK-1', { currency: 'EUR', label: 'Gros EUR' });
    expect(customer).toMatchObject({
      customerCode: 'CSYNC-CHECK-1',
      warehouseCode: 'PAR',
      salesRepCode: 'R9',
      currency: 'EUR',
      priceLabel: 'Gros EUR',
    });
    expect(customer.paymentTermsCode).toBeUndefined();
  });
});

describe('renderCheckTable', () => {
  it('wraps long cells instead of cutting them, and counts each verdict', () => {
    const long = `${'word '.repeat(30)}end`;
    const table = renderCheckTable([
      { check: 'short', expected: 'x', answered: long, verdict: 'differs' },
      { check: 'other', expected: 'y', answered: 'y', verdict: 'ok' },
    ]);
    expect(table.match(/word/g)).toHaveLength(30);
    expect(table).toMatch(/ end\s*$/m);
    expect(table.split('\n').every((line) => line.length <= 150)).toBe(true);
    expect(table).toMatch(/1 ok, 1 differ, 0 unknown$/);
  });
});
