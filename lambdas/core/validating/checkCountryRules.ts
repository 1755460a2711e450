import { STATE_REQUIRED_COUNTRIES, toSubdivisionCode, usesPostalCode } from './geography.js';
import type { Problem } from './Problem.js';
import type { ValidAddressPart } from './rowSchema.js';

/**
 * The address rules of one row that depend on its country: a valid state where one is required, a postal code where
 * the country uses one. Returns the normalised state alongside any problems. (The rules across a customer's rows are
 * grouping/CustomerAddresses.ts.)
 */
export const checkCountryRules = (
  row: ValidAddressPart,
): { state: string | undefined; problems: Problem[] } => {
  const problems: Problem[] = [];
  let state = row.state;
  if (STATE_REQUIRED_COUNTRIES.has(row.country)) {
    if (state === undefined) {
      problems.push({
        field: 'state',
        code: 'required',
        message: `is required for addresses in ${row.country}`,
      });
    } else {
      const code = toSubdivisionCode(row.country, state);
      if (code === undefined) {
        problems.push({
          field: 'state',
          value: state,
          code: 'invalid_state',
          message: `is not a state or province of ${row.country} (ISO 3166-2 code or name)`,
        });
      }
      state = code;
    }
  }
  if (row.postal_code === undefined && usesPostalCode(row.country)) {
    problems.push({
      field: 'postal_code',
      code: 'required',
      message: `is required for addresses in ${row.country}`,
    });
  }
  return { state, problems };
};
