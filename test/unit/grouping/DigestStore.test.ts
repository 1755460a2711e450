import { describe, expect, it } from 'vitest';
import { DigestStore } from '../../../lambdas/core/grouping/DigestStore.js';

describe('DigestStore', () => {
  it('tells a stored text from any other, slot by slot', () => {
    const store = new DigestStore();
    store.set(0, 'Bloom␟USD');
    store.set(1, 'Maison␟EUR');
    expect(store.matches(0, 'Bloom␟USD')).toBe(true);
    expect(store.matches(0, 'Bloom␟EUR')).toBe(false);
    expect(store.matches(1, 'Maison␟EUR')).toBe(true);
    expect(store.toString(0)).not.toBe(store.toString(1));
  });

  it('reads a slot never written as absent, and grows past its first thousand slots', () => {
    const store = new DigestStore();
    expect(store.has(5)).toBe(false);
    store.set(5000, 'far away');
    expect(store.has(5000)).toBe(true);
    expect(store.has(4999)).toBe(false);
    expect(store.has(1_000_000)).toBe(false);
    expect(store.matches(5000, 'far away')).toBe(true);
  });

  it('gives the same text the same 16-byte digest in any store', () => {
    const a = new DigestStore();
    const b = new DigestStore();
    a.set(3, 'é and 東京 survive the round trip');
    b.set(7, 'é and 東京 survive the round trip');
    expect(a.toString(3)).toBe(b.toString(7));
    expect(a.toString(3)).toHaveLength(16);
  });
});
