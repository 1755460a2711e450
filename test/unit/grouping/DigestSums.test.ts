import { describe, expect, it } from 'vitest';
import { DigestSums } from '../../../lambdas/core/grouping/DigestSums.js';
import { shortHashOf } from '../../../lambdas/core/grouping/shortHash.js';

const BASE64URL_128_BITS = /^[A-Za-z0-9_-]{22}$/;

describe('DigestSums', () => {
  it('sums digests the same whatever order the texts come in, and differently when one text changes', () => {
    const sums = new DigestSums();
    for (const text of ['billing␟Paris', 'shipping␟Lyon', 'shipping␟Nice']) sums.add(0, text);
    for (const text of ['shipping␟Nice', 'billing␟Paris', 'shipping␟Lyon']) sums.add(1, text);
    for (const text of ['billing␟Paris', 'shipping␟Lyon', 'shipping␟Nîmes']) sums.add(2, text);
    expect(sums.toString(0)).toMatch(BASE64URL_128_BITS);
    expect(sums.toString(1)).toBe(sums.toString(0));
    expect(sums.toString(2)).not.toBe(sums.toString(0));
  });

  it('counts a text added twice twice, and a slot never added to as zero', () => {
    const sums = new DigestSums();
    sums.add(0, 'shipping␟Lyon');
    sums.add(1, 'shipping␟Lyon');
    sums.add(1, 'shipping␟Lyon');
    expect(sums.toString(1)).not.toBe(sums.toString(0));
    expect(sums.toString(7)).toBe('AAAAAAAAAAAAAAAAAAAAAA');
    expect(sums.toString(1_000_000)).toBe('AAAAAAAAAAAAAAAAAAAAAA');
  });

  it('grows past its first thousand slots and keeps what it held', () => {
    const sums = new DigestSums();
    sums.add(3, 'Bloom');
    const before = sums.toString(3);
    sums.add(5000, 'far away');
    expect(sums.toString(3)).toBe(before);
    expect(sums.toString(5000)).not.toBe('AAAAAAAAAAAAAAAAAAAAAA');
  });
});

describe('shortHashOf', () => {
  it('gives each of many address codes its own hash', () => {
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
    expect(Number.isSafeInteger(shortHashOf('any code'))).toBe(true);
  });

  it('is cyrb53 with seed 0: the values its author publishes', () => {
    expect(['a', 'b', 'revenge', 'revenue'].map(shortHashOf)).toEqual([
      7929297801672961, 8684336938537663, 4051478007546757, 8309097637345594,
    ]);
  });
});
