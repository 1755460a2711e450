import { describe, expect, it } from 'vitest';
import { GrowableNumberArray } from '../../../lambdas/core/grouping/GrowableNumberArray.js';

describe('GrowableNumberArray', () => {
  it('keeps every pushed value as it grows past its capacity', () => {
    const list = new GrowableNumberArray('int32', 2);
    for (let k = 0; k < 1000; k += 1) list.push(k * 3 - 7);
    expect(list.length).toBe(1000);
    expect(list.at(0)).toBe(-7);
    expect(list.at(999)).toBe(2990);
    list.set(500, 42);
    expect(list.at(500)).toBe(42);
  });

  it('as float64, keeps the 53-bit short hashes grouping stores in it exactly, through growth', () => {
    const hashes = new GrowableNumberArray('float64', 1);
    const values = [2 ** 53 - 1, 2 ** 40 + 3, 0, 4_294_967_297];
    for (const value of values) hashes.push(value);
    expect(values.map((_, k) => hashes.at(k))).toEqual(values);
  });
});
