import { describe, expect, it } from 'vitest';
import { checkMassDrop } from '../../../lambdas/core/diffing/checkMassDrop.js';
import { diffCustomers } from '../../../lambdas/core/diffing/diffCustomers.js';
import {
  advanceSnapshot,
  EMPTY_SNAPSHOT,
  parseSnapshot,
  snapshotToMap,
} from '../../../lambdas/core/diffing/snapshot.js';

describe('diffCustomers', () => {
  it('sorts codes into new, changed, unchanged and missing', () => {
    const current = new Map([
      ['A', '1'],
      ['B', '2'],
      ['C', '3'],
    ]);
    const snapshot = new Map([
      ['A', '1'],
      ['B', 'old'],
      ['D', '4'],
    ]);
    expect(diffCustomers(current, snapshot)).toEqual({
      new: ['C'],
      changed: ['B'],
      unchanged: ['A'],
      missing: ['D'],
    });
  });

  it('makes everything new against an empty snapshot', () => {
    expect(diffCustomers(new Map([['A', '1']]), snapshotToMap(EMPTY_SNAPSHOT)).new).toEqual(['A']);
  });
});

describe('checkMassDrop', () => {
  const diffMissing = (n: number) => ({
    new: [],
    changed: [],
    unchanged: [],
    missing: Array.from({ length: n }, (_, k) => `M${k}`),
  });

  it('lets a drop up to the threshold through and refuses a larger one', () => {
    expect(checkMassDrop(diffMissing(20), 100, 0.2)).toBeUndefined();
    expect(checkMassDrop(diffMissing(21), 100, 0.2)).toEqual({
      code: 'mass_drop',
      message: expect.stringContaining('21 of 100 known customers (21%)'),
    });
  });

  it('never refuses a first file', () => {
    expect(checkMassDrop(diffMissing(0), 0, 0)).toBeUndefined();
  });
});

describe('snapshot', () => {
  it('moves forward only for accepted customers', () => {
    const previous = { version: 1 as const, hashes: { A: 'a0', B: 'b0' } };
    const next = advanceSnapshot(
      previous,
      new Map([
        ['A', 'a1'],
        ['B', 'b1'],
        ['C', 'c1'],
      ]),
      ['A', 'C'],
    );
    expect(next.hashes).toEqual({ A: 'a1', B: 'b0', C: 'c1' });
  });

  it('reads back what it stores and refuses anything else', () => {
    const snapshot = { version: 1 as const, hashes: { A: 'x' } };
    expect(parseSnapshot(JSON.stringify(snapshot))).toEqual(snapshot);
    expect(() => parseSnapshot('{"hashes":[]}')).toThrow(/Not a synced-state snapshot/);
  });
});

describe('missing means missing', () => {
  it('does not count a known customer the file holds but rejected as missing', () => {
    const snapshot = new Map([
      ['A', '1'],
      ['B', '2'],
      ['C', '3'],
    ]);
    const diff = diffCustomers(new Map([['A', '1']]), snapshot, new Set(['B']));
    expect(diff.missing).toEqual(['C']);
  });
});
