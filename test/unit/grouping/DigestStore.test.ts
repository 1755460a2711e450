import { describe, expect, it } from 'vitest';
import { DigestStore } from '../../../lambdas/core/grouping/DigestStore.js';
import { shortHashOf } from '../../../lambdas/core/grouping/keys.js';

const BASE64URL_128_BITS = /^[A-Za-z0-9_-]{22}$/;

describe('DigestStore', () => {
  it('tells a stored text from any other, slot by slot', () => {
    const store = new DigestStore();
    store.set(0, 'Bloom␟USD');
    store.set(1, 'Maison␟EUR');
    expect(store.matches(0, 'Bloom␟USD')).toBe(true);
    expect(store.matches(0, 'Bloom␟EUR')).toBe(false);
    expect(store.matches(1, 'Maison␟EUR')).toBe(true);
    expect(store.matches(1, 'Bloom␟USD')).toBe(false);
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

  it('sums digests the same whatever order the texts come in, and differently when one text changes', () => {
    const customer = new DigestStore();
    customer.set(0, 'Bloom');
    customer.set(1, 'Bloom');
    customer.set(2, 'Bloom');
    const sums = new DigestStore();
    for (const text of ['billing␟Paris', 'shipping␟Lyon', 'shipping␟Nice']) sums.add(0, text);
    for (const text of ['shipping␟Nice', 'billing␟Paris', 'shipping␟Lyon']) sums.add(1, text);
    for (const text of ['billing␟Paris', 'shipping␟Lyon', 'shipping␟Nîmes']) sums.add(2, text);
    const hash = customer.sumWith(0, sums);
    expect(hash).toMatch(BASE64URL_128_BITS);
    expect(customer.sumWith(1, sums)).toBe(hash);
    expect(customer.sumWith(2, sums)).not.toBe(hash);
  });

  it('counts a slot the other store never wrote as zero', () => {
    const customer = new DigestStore();
    customer.set(2000, 'Bloom');
    const sums = new DigestStore();
    const alone = customer.sumWith(2000, sums);
    sums.add(2000, 'billing␟Paris');
    expect(customer.sumWith(2000, sums)).not.toBe(alone);
  });
});

describe('shortHashOf', () => {
  it('gives each of many address codes its own hash, and the same code the same hash', () => {
    const codes = [
      '',
      'MAIN',
      'main',
      'MAIN ',
      'SHIP-1',
      'SHIP-01',
      ...Array.from({ length: 50_000 }, (_, k) => `S${k}`),
    ];
    expect(new Set(codes.map(shortHashOf)).size).toBe(codes.length);
    expect(shortHashOf('Entrepôt 東京')).toBe(shortHashOf('Entrepôt 東京'));
    expect(Number.isSafeInteger(shortHashOf('any code'))).toBe(true);
  });
});
