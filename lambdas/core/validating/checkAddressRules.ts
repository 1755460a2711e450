import { STATE_REQUIRED_COUNTRIES, toSubdivisionCode, usesPostalCode } from './geography.js';
import type { Problem } from './Problem.js';
import type { ValidAddressPart } from './rowSchema.js';

export interface AddressRules {
  /** The state in its normalised form (a subdivision code where one is checked). */
  state: string | undefined;
  problems: readonly Problem[];
}

/** Shared by every address that passes: most do, and they need not allocate a list each. */
const NO_PROBLEMS: readonly Problem[] = Object.freeze([]);

/**
 * Checks that depend on the country: a valid state where one is required, a postal code where the country uses one.
 * Returns the normalised state alongside any problems.
 */
export const checkAddressRules = (row: ValidAddressPart): AddressRules => {
  // No closure here: this runs on every row, and tsx's keepNames wraps each closure it creates.
  let problems = NO_PROBLEMS;
  let state = row.state;
  if (STATE_REQUIRED_COUNTRIES.has(row.country)) {
    if (state === undefined) {
      problems = [
        ...problems,
        { field: 'state', code: 'required', message: `is required for addresses in ${row.country}` },
      ];
    } else {
      const code = toSubdivisionCode(row.country, state);
      if (code === undefined) {
        problems = [
          ...problems,
          {
            field: 'state',
            value: state,
            code: 'invalid_state',
            message: `is not a state or province of ${row.country} (ISO 3166-2 code or name)`,
          },
        ];
      }
      state = code;
    }
  }
  if (row.postal_code === undefined && usesPostalCode(row.country)) {
    problems = [
      ...problems,
      { field: 'postal_code', code: 'required', message: `is required for addresses in ${row.country}` },
    ];
  }
  return { state, problems };
};
