import * as v from 'valibot';
import { describe, expect, it } from 'vitest';
import type { MappedRow } from '../../../lambdas/core/fields.js';
import { createPartParser } from '../../../lambdas/core/validating/partParser.js';

const Schema = v.object({
  city: v.pipe(v.string('is required'), v.maxLength(5, 'too long')),
  country: v.pipe(v.string('is required'), v.toUpperCase()),
  state: v.optional(v.string()),
});

const row = (values: Partial<MappedRow>) => values as MappedRow;

describe('createPartParser', () => {
  it('returns the part as an object, transformed by the schema', () => {
    const parse = createPartParser(Schema, ['city', 'country', 'state']);
    expect(parse(row({ city: 'Paris', country: 'fr' }))).toEqual({
      success: true,
      output: { city: 'Paris', country: 'FR', state: undefined },
    });
  });

  it('names the field of every issue, whatever the order of the list', () => {
    for (const fields of [
      ['city', 'country', 'state'],
      ['state', 'country', 'city'],
    ] as const) {
      const result = createPartParser(Schema, fields)(row({ city: 'Lisboa!' }));
      expect(result.success).toBe(false);
      if (!result.success)
        expect(result.issues.map((i) => [i.field, i.issue.message]).sort()).toEqual([
          ['city', 'too long'],
          ['country', 'is required'],
        ]);
    }
  });

  it('refuses a field list that leaves out an entry of the schema', () => {
    expect(() => createPartParser(Schema, ['city', 'country'])).toThrow(/disagree: state/);
  });
});
