import { toCountryCode } from '../../lambdas/core/validating/index.js';

/** A column is the file's country column when this share of its values are countries. */
const COUNTRY_SHARE = 0.8;
const LETTER = /\p{L}/u;

/**
 * Each column's non-empty values' countries, row by row (aligned with the column's non-empty values): the country of
 * the row as the file's country column gives it, so that a postal code or a state can be checked against its own
 * country. The country column is the first of the `named` ones (columns named country) whose values are countries,
 * else the one whose values are most often countries (ISO codes or names in any language); none, and every country
 * is undefined.
 */
export const rowCountries = (
  records: string[][],
  width: number,
  named: readonly number[] = [],
): (string | undefined)[][] => {
  let best: { column: number; count: number } | undefined;
  // A column named country comes first: a column of sales reps' initials (JP, MK) can look like countries too.
  for (const column of [
    ...named,
    ...Array.from({ length: width }, (_, c) => c).filter((c) => !named.includes(c)),
  ]) {
    if (best && named.includes(best.column)) break;
    const values = records.map((r) => (r[column] ?? '').trim()).filter((v) => v.length > 0);
    const count = values.filter((v) => LETTER.test(v) && toCountryCode(v) !== undefined).length;
    if (values.length > 0 && count / values.length >= COUNTRY_SHARE && count > (best?.count ?? 0))
      best = { column, count };
  }
  const countryOf = (record: string[]) => {
    const value = best ? (record[best.column] ?? '').trim() : '';
    return value ? toCountryCode(value) : undefined;
  };
  return Array.from({ length: width }, (_, column) =>
    records.filter((r) => (r[column] ?? '').trim().length > 0).map(countryOf),
  );
};
