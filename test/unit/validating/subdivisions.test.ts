import { iso31662 } from 'iso-3166';
import { describe, expect, it } from 'vitest';
import { STATE_REQUIRED_COUNTRIES } from '../../../lambdas/core/validating/geography.js';
import { SUBDIVISIONS } from '../../../lambdas/core/validating/subdivisions.js';

describe('the subdivisions copied from iso-3166', () => {
  it('are exactly the package’s, for exactly the countries where a state is required', () => {
    expect(Object.keys(SUBDIVISIONS).sort()).toEqual([...STATE_REQUIRED_COUNTRIES].sort());
    for (const country of STATE_REQUIRED_COUNTRIES) {
      const fromPackage = Object.fromEntries(
        iso31662
          .filter(({ parent }) => parent === country)
          .map(({ code, name }) => [code.slice(country.length + 1), name]),
      );
      expect(SUBDIVISIONS[country], country).toEqual(fromPackage);
    }
  });
});
