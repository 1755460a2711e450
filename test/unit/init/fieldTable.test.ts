import { describe, expect, it } from 'vitest';
import { requiredColumnsOf } from '../../../lambdas/core/index.js';
import { requiredColumns } from '../../../lambdas/core/mapping/layouts.js';
import { placeColumns } from '../../../tools/init/placeColumns.js';

describe('the canonical fields, declared once in core (issue #33 item 2)', () => {
  it("gives the mapping's required columns per layout", () => {
    expect(requiredColumns('address-rows')).toEqual(requiredColumnsOf('address-rows'));
    expect(requiredColumns('address-rows', true)).toEqual(requiredColumnsOf('single'));
    expect(requiredColumns('wide')).toEqual(requiredColumnsOf('wide'));
    expect(requiredColumnsOf('wide')).toEqual([
      'customer_code',
      'customer_name',
      'currency',
      'price_label',
      'billing_address_1',
      'billing_city',
      'billing_country',
    ]);
  });

  it('gives init the columns it must find: a file holding none of them is told each one', () => {
    const plan = placeColumns(['Remarks'], [['hello']]);
    expect(plan.undecided.map((u) => u.point)).toEqual([...requiredColumnsOf('single')]);
  });
});
