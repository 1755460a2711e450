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

  it('holds 53-bit integers exactly as float64, where int32 would wrap', () => {
    const doubles = new GrowableNumberArray('float64', 1);
    const ints = new GrowableNumberArray('int32', 1);
    doubles.push(2 ** 53 - 1);
    ints.push(2 ** 32 + 5);
    expect(doubles.at(0)).toBe(2 ** 53 - 1);
    expect(ints.at(0)).toBe(5);
  });
});
