import { describe, expect, it } from 'vitest';
import { backoffDelay } from '../../../../lambdas/adapters/backoff.js';
import { CreditBudget } from '../../../../lambdas/adapters/joor/CreditBudget.js';

const clock = () => {
  let now = 1_000;
  return { now: () => now, advance: (ms: number) => (now += ms) };
};

describe('CreditBudget', () => {
  it('lets the window’s credits through at once, then says how long to wait for the next window', () => {
    const time = clock();
    const budget = new CreditBudget(300, 300_000, time.now);
    for (let k = 0; k < 60; k += 1) expect(budget.reserve(5)).toBe(0);
    time.advance(100_000);
    expect(budget.reserve(5)).toBe(200_000);
    // That request was counted in the next window: 59 writes are left there.
    time.advance(200_000);
    for (let k = 0; k < 59; k += 1) expect(budget.reserve(5)).toBe(0);
    expect(budget.reserve(1)).toBe(300_000);
  });

  it('trusts JOOR’s headers over its own count', () => {
    const time = clock();
    const budget = new CreditBudget(300, 300_000, time.now);
    budget.reserve(5);
    budget.observe(3, 10_000);
    expect(budget.reserve(1)).toBe(0);
    expect(budget.reserve(5)).toBe(10_000);
  });

  it('waits out a 429 until the window resets', () => {
    const time = clock();
    const budget = new CreditBudget(300, 300_000, time.now);
    budget.exhaustedFor(4_000);
    expect(budget.msUntilReset()).toBe(4_000);
    expect(budget.reserve(1)).toBe(4_000);
  });
});

describe('backoffDelay', () => {
  it('draws up to base × 2^attempt, capped', () => {
    expect(backoffDelay(0, 100, 5_000, () => 0.999)).toBe(99);
    expect(backoffDelay(3, 100, 5_000, () => 0.5)).toBe(400);
    expect(backoffDelay(10, 100, 5_000, () => 0.999)).toBe(4_995);
    expect(backoffDelay(10, 100, 5_000, () => 0)).toBe(0);
  });
});
