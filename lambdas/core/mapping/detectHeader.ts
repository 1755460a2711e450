import { normaliseHeader } from './normaliseHeader.js';

/** A first row is taken for a header under `auto` when at least this share of its filled cells are known names. */
const HEADER_MATCH_SHARE = 0.5;

/** Whether a first record reads as a header row: most of its filled cells are column names the tenant knows. */
export const looksLikeHeader = (cells: string[], knownNames: ReadonlySet<string>): boolean => {
  const filled = cells.filter((cell) => cell.trim().length > 0);
  const known = filled.filter((cell) => knownNames.has(normaliseHeader(cell))).length;
  return known > 0 && known >= filled.length * HEADER_MATCH_SHARE;
};
