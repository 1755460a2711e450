import { describe, expect, it } from 'vitest';
import {
  checkMassChange,
  fieldLabel,
  isMassChange,
  massChangeText,
  widestChangeOf,
} from '../../../lambdas/core/diffing/checkMassChange.js';
import {
  byFieldChunk,
  changedCustomerOf,
  fieldChangesOf,
  fieldChunkOf,
  mergeAcceptedFields,
  parseFieldChunk,
  renderFieldChunk,
  type SyncedFieldsEntry,
} from '../../../lambdas/core/diffing/syncedFields.js';
import { customerFields } from '../../../lambdas/core/grouping/customerFields.js';
import type { Customer } from '../../../lambdas/core/types.js';

const customer: Customer = {
  customerCode: 'C1',
  customerName: 'Maison Dupont',
  currency: 'EUR',
  priceLabel: 'Wholesale EUR',
  billing: { address1: '1 rue de la Paix', city: 'Paris', country: 'FR' },
  shipping: [
    { addressCode: 'WH2', address1: '2 quai Est', city: 'Lyon', country: 'FR' },
    { address1: '3 rue Sud', city: 'Nice', country: 'FR' },
  ],
};

describe('customerFields', () => {
  it('flattens a customer into named fields, shipping addresses by code or place, empty values left out', () => {
    expect(customerFields(customer)).toEqual({
      customer_name: 'Maison Dupont',
      currency: 'EUR',
      price_label: 'Wholesale EUR',
      'billing.address_1': '1 rue de la Paix',
      'billing.city': 'Paris',
      'billing.country': 'FR',
      'shipping[WH2].address_code': 'WH2',
      'shipping[WH2].address_1': '2 quai Est',
      'shipping[WH2].city': 'Lyon',
      'shipping[WH2].country': 'FR',
      'shipping[#2].address_1': '3 rue Sud',
      'shipping[#2].city': 'Nice',
      'shipping[#2].country': 'FR',
    });
  });
});

describe('fieldChangesOf', () => {
  it('lists changed, added and emptied fields with before and after', () => {
    expect(fieldChangesOf({ a: '1', b: '2', c: '3' }, { a: '1', b: 'two', d: '4' })).toEqual([
      { field: 'b', before: '2', after: 'two' },
      { field: 'd', before: null, after: '4' },
      { field: 'c', before: '3', after: null },
    ]);
  });
});

describe('a chunk of kept field values', () => {
  const entry = (code: string, hash: string, fields = {}): SyncedFieldsEntry => ({
    customerCode: code,
    hash,
    fields,
  });

  it('round-trips as JSON lines sorted by code, the same entries giving the same bytes', () => {
    const text = renderFieldChunk([entry('B', 'h2', { city: 'Lyon' }), entry('A', 'h1')]);
    expect(text).toBe(
      '{"customerCode":"A","hash":"h1","fields":{}}\n{"customerCode":"B","hash":"h2","fields":{"city":"Lyon"}}\n',
    );
    expect([...parseFieldChunk(text, 'k').values()]).toEqual([
      entry('A', 'h1'),
      entry('B', 'h2', { city: 'Lyon' }),
    ]);
  });

  it('refuses a line that is not an entry, naming the object and line', () => {
    expect(() =>
      parseFieldChunk('{"customerCode":"A","hash":"h","fields":{}}\n{"hash":1}\n', 'x.jsonl'),
    ).toThrow(/x\.jsonl line 2 is not a synced-fields entry: customerCode/);
  });

  it('moves forward only for accepted customers, and merging again changes nothing', () => {
    const synced = new Map([['A', entry('A', 'old', { city: 'Paris' })]]);
    const sent = [entry('A', 'new', { city: 'Lyon' }), entry('B', 'hb', { city: 'Nice' })];
    const once = mergeAcceptedFields(synced, sent, new Set(['A']))!;
    expect([...once.values()]).toEqual([entry('A', 'new', { city: 'Lyon' })]);
    expect(mergeAcceptedFields(once, sent, new Set(['A']))).toEqual(once);
    expect(mergeAcceptedFields(synced, sent, new Set(['Z']))).toBeUndefined();
  });

  it('places a code in one of 256 chunks, stably, and groups by chunk in order', () => {
    expect(fieldChunkOf('C1')).toMatch(/^[0-9a-f]{2}$/);
    expect(fieldChunkOf('C1')).toBe(fieldChunkOf('C1'));
    const codes = Array.from({ length: 2000 }, (_, i) => `C${i}`);
    const chunks = byFieldChunk(codes, (c) => c);
    expect(chunks.size).toBeGreaterThan(200);
    expect([...chunks.keys()]).toEqual([...chunks.keys()].sort());
    expect([...chunks.values()].flat().sort()).toEqual([...codes].sort());
  });
});

describe('changedCustomerOf', () => {
  const after = customerFields({ ...customer, priceLabel: 'Retail EUR' });
  const kept = { customerCode: 'C1', hash: 'h1', fields: customerFields(customer) };

  it('gives each changed field before → after when the kept values are the snapshot’s', () => {
    expect(changedCustomerOf(customer, after, kept, 'h1')).toEqual({
      customerCode: 'C1',
      customerName: 'Maison Dupont',
      changes: [{ field: 'price_label', before: 'Wholesale EUR', after: 'Retail EUR' }],
    });
  });

  it('says the fields are unknown when none were kept or they are stale', () => {
    expect(changedCustomerOf(customer, after, undefined, 'h1')).toMatchObject({
      changes: [],
      beforeUnknown: true,
    });
    expect(changedCustomerOf(customer, after, kept, 'h2')).toMatchObject({
      changes: [],
      beforeUnknown: true,
    });
  });
});

describe('mass change', () => {
  const changedFor = (count: number, field: string) =>
    Array.from({ length: count }, (_, i) => ({
      customerCode: `C${i}`,
      customerName: `N${i}`,
      changes: [{ field, before: 'a', after: 'b' }],
    }));

  it('names the field changed for the most customers, counting shipping addresses once per customer', () => {
    const changed = [
      ...changedFor(3, 'email'),
      {
        customerCode: 'X',
        customerName: 'X',
        changes: [
          { field: 'shipping[A].city', before: 'a', after: 'b' },
          { field: 'shipping[B].city', before: 'a', after: 'b' },
        ],
      },
    ];
    expect(widestChangeOf(changed, 10)).toEqual({ field: 'email', label: 'email', customers: 3, known: 10 });
    expect(widestChangeOf(changed.slice(3), 10)).toMatchObject({ field: 'shipping.city', customers: 1 });
    expect(widestChangeOf([], 10)).toBeUndefined();
  });

  it('says so in words above half of the known customers', () => {
    const change = widestChangeOf(changedFor(9812, 'price_label'), 10_000)!;
    expect(isMassChange(change)).toBe(true);
    expect(massChangeText(change)).toBe('price type changed for 9,812 of 10,000 customers');
    expect(isMassChange(widestChangeOf(changedFor(5, 'price_label'), 10))).toBe(false);
    expect(fieldLabel('shipping[WH2].postal_code')).toBe('shipping postal code');
  });

  it('quarantines above the tenant’s massChangeThreshold, and never without one', () => {
    const change = widestChangeOf(changedFor(40, 'price_label'), 100);
    expect(checkMassChange(change, undefined)).toBeUndefined();
    expect(checkMassChange(change, 0.5)).toBeUndefined();
    expect(checkMassChange(change, 0.4)).toBeUndefined();
    expect(checkMassChange(change, 0.3)).toEqual({
      code: 'mass_change',
      message: expect.stringMatching(
        /^The file changes the price type of 40 of 100 known customers \(40%\), more than the 30% allowed: nothing was sent to JOOR/,
      ),
    });
  });
});
