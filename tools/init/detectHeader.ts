import { matchHeader } from './matchHeader.js';

/** A first record is a header when this many of its cells are names a vocabulary knows this surely. */
const SURE_NAME = 0.9;
const NAMES_NEEDED = 2;
const LOOKS_LIKE_DATA = /@|^\d+([.,]\d+)?$/;

/**
 * Whether a file's first record is a header row: two or more of its cells are known column names, or (for an
 * export in words no vocabulary has) its cells are distinct text while the next record holds data (numbers or emails)
 * where it holds none.
 */
export const detectHeader = (first: string[], second: string[] | undefined): boolean => {
  const named = first.filter((cell) => (matchHeader(cell)[0]?.score ?? 0) >= SURE_NAME).length;
  if (named >= Math.min(NAMES_NEEDED, first.length)) return true;
  const filled = first.map((cell) => cell.trim()).filter((cell) => cell.length > 0);
  if (filled.length < first.length || new Set(filled).size < filled.length || !second) return false;
  const dataIn = (cells: string[]) => cells.filter((cell) => LOOKS_LIKE_DATA.test(cell.trim())).length;
  return dataIn(first) === 0 && dataIn(second) > 0;
};
