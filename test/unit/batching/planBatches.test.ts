import { describe, expect, it } from 'vitest';
import { planBatches } from '../../../lambdas/core/batching/planBatches.js';
import { makeCustomer } from '../../helpers/customerFactory.js';

const customers = (count: number) => Array.from({ length: count }, (_, k) => makeCustomer(k + 1));

describe('planBatches', () => {
  it('cuts at the bulk size, keeping order', () => {
    const plan = planBatches(customers(1201), { bulkSize: 500 });
    expect(plan.batches.map((b) => b.length)).toEqual([500, 500, 201]);
    expect(plan.batches.flat().map((c) => c.customerCode)).toEqual(
      customers(1201).map((c) => c.customerCode),
    );
  });

  it('keeps every batch under the byte limit', () => {
    const all = customers(300);
    const maxBytes = 20_000;
    const plan = planBatches(all, { bulkSize: 500, maxBytes });
    expect(plan.batches.length).toBeGreaterThan(1);
    for (const batch of plan.batches)
      expect(Buffer.byteLength(JSON.stringify(batch))).toBeLessThanOrEqual(maxBytes);
    expect(plan.batches.flat()).toHaveLength(300);
  });

  it('sets aside a customer too large for any batch instead of cutting it', () => {
    const huge = { ...makeCustomer(1), notes: 'x'.repeat(2_000) };
    const plan = planBatches([makeCustomer(2), huge, makeCustomer(3)], { bulkSize: 500, maxBytes: 1_500 });
    expect(plan.oversized).toEqual([huge]);
    expect(plan.batches.flat().map((c) => c.customerCode)).toEqual(['C0000002', 'C0000003']);
  });
});
