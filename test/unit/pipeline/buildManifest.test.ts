import { describe, expect, it } from 'vitest';
import { buildManifest, type ManifestFacts } from '../../../lambdas/pipeline/manifest.js';
import { makeCustomer } from '../../helpers/customerFactory.js';

const file = {
  key: 'inbox/maison/customer_1.psv',
  name: 'customer_1.psv',
  receivedAt: '2026-11-27T08:00:00Z',
};
const base: ManifestFacts = {
  runId: 'r1',
  tenantId: 'maison',
  file,
  supersedes: [],
  snapshotKey: 'state/maison/synced/sandbox/1001/snapshot.json',
  locked: true,
};
const validation = {
  bytes: 1234,
  counts: { rows: 10, customers: 6, validCustomers: 5, rejectedRows: 2 },
  rejected: [{ line: 3, customerCode: 'C9', field: 'city', code: 'required', message: 'city is required' }],
  ignoredColumns: ['fax'],
  encoding: 'windows-1252' as const,
};
const diff = { new: ['C1', 'C2'], changed: ['C3'], unchanged: ['C4', 'C5'], missing: ['C0'] };

describe('buildManifest', () => {
  it('counts what was sent, with the hashes the snapshot moves to and the customers too large for a batch', () => {
    const manifest = buildManifest({
      ...base,
      validation,
      diff,
      plan: {
        batches: 1,
        sentHashes: { C1: 'h1', C2: 'h2' },
        oversized: [makeCustomer(3)],
        maxBatchBytes: 900_000,
      },
    });
    expect(manifest.counts).toEqual({
      rows: 10,
      customers: 6,
      new: 2,
      changed: 1,
      unchanged: 2,
      rejectedRows: 2,
      sent: 2,
      missing: 1,
      superseded: 0,
      quarantinedRows: 0,
    });
    expect(manifest.batches).toBe(1);
    expect(manifest.preFailures).toEqual([
      expect.objectContaining({ customerCode: 'C0000003', code: 'too_large' }),
    ]);
    expect(manifest.file.bytes).toBe(1234);
    expect(manifest.notes).toEqual([
      expect.stringContaining('48 to 72 hours'),
      'Columns not used: fax.',
      'The file was read as Windows-1252 (it is not valid UTF-8).',
    ]);
    // What the snapshot moves to once JOOR accepts them: the plan's hashes of the customers sent, and only those.
    expect(manifest.sentHashes).toEqual({ C1: 'h1', C2: 'h2' });
  });

  it('names the code values no value table or reference list knows, once each with their rows (#27)', () => {
    const manifest = buildManifest({
      ...base,
      validation: {
        ...validation,
        unknownValues: [
          { field: 'payment_terms_code', value: '90 days', rows: 12 },
          { field: 'payment_terms_code', value: 'COD', rows: 1 },
          { field: 'shipping_method_code', value: 'Spedition', rows: 4 },
        ],
      },
      diff,
    });
    expect(manifest.notes).toContain(
      'Values no value table or reference list knows (translate them in the tenant\'s valueMaps, or set them up in JOOR): payment_terms_code "90 days" (12 rows), "COD" (1 row); shipping_method_code "Spedition" (4 rows).',
    );
  });

  it('names at most twenty such values, and says how many more there are', () => {
    const unknownValues = Array.from({ length: 25 }, (_, k) => ({
      field: 'warehouse_code',
      value: `W${k}`,
      rows: 1,
    }));
    const manifest = buildManifest({ ...base, validation: { ...validation, unknownValues }, diff });
    const note = manifest.notes.find((text) => text.startsWith('Values no value table'))!;
    expect(note).toContain('"W19" (1 row)');
    expect(note).not.toContain('"W20"');
    expect(note).toMatch(/; and 5 other values\.$/);
  });

  it('says when this is the first sync to the JOOR account', () => {
    const manifest = buildManifest({
      ...base,
      validation,
      diff,
      firstSync: { environment: 'production', accountId: '2002' },
      plan: { batches: 1, sentHashes: { C1: 'h1', C2: 'h2' }, oversized: [], maxBatchBytes: 900_000 },
    });
    expect(manifest.notes).toContain(
      'First sync to this JOOR account (production, account 2002): all 2 valid customers sent.',
    );
  });

  it('holds back every valid row of a quarantined file and sends nothing', () => {
    const refusal = { code: 'mass_drop' as const, message: 'leaves out 40%' };
    const manifest = buildManifest({ ...base, validation, diff, refusal });
    expect(manifest.refusal).toEqual(refusal);
    expect(manifest.counts).toMatchObject({
      new: 0,
      changed: 0,
      unchanged: 0,
      sent: 0,
      missing: 1,
      quarantinedRows: 8,
    });
    expect(manifest.batches).toBe(0);
  });

  it('describes a file refused before it was read: nothing counted, not locked, its superseded files kept', () => {
    const older = { ...file, key: 'inbox/maison/customer_0.psv', name: 'customer_0.psv' };
    const refusal = { code: 'file_name' as const, message: 'bad name' };
    const manifest = buildManifest({ ...base, locked: false, supersedes: [older], refusal });
    expect(manifest).toMatchObject({ locked: false, batches: 0, rejected: [], superseded: [older] });
    expect(manifest.counts).toMatchObject({ rows: 0, superseded: 1, quarantinedRows: 0 });
  });
});
