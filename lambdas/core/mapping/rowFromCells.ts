import { compileRecordBuilder } from '../compileRecordBuilder.js';
import { CANONICAL_FIELDS, type MappedRow } from '../fields.js';

/** The index of a field whose column the file does not have. */
export const ABSENT = -1;

const SPACE = 0x20;
const DELETE = 0x7f;
/** Printable ASCII other than space: never white space that `trim` would remove. */
const isPrintableAscii = (code: number): boolean => code > SPACE && code < DELETE;

/**
 * White space and invisible characters at either end of a cell (zero-width space, joiners, word joiner, BOM, soft
 * hyphen): an ERP or a spreadsheet leaves them, and a code with one would be another customer.
 */
const EDGE_BLANKS = /^[\s\u00AD\u200B-\u200D\u2060\uFEFF]+|[\s\u00AD\u200B-\u200D\u2060\uFEFF]+$/g;

/** The trimmed cell, `undefined` when absent or blank. */
export const cellAt = (cells: string[], index: number): string | undefined => {
  if (index === ABSENT) return undefined;
  const cell = cells[index];
  if (cell === undefined || cell.length === 0) return undefined;
  // Most cells start and end with a printable character: checking both ends is cheaper than calling trim.
  if (isPrintableAscii(cell.charCodeAt(0)) && isPrintableAscii(cell.charCodeAt(cell.length - 1))) return cell;
  const value = cell.replace(EDGE_BLANKS, '');
  return value.length === 0 ? undefined : value;
};

/**
 * One canonical row from a record's cells: `at[k]` is the cell of `CANONICAL_FIELDS[k]` (or ABSENT). Compiled from
 * the field list, so that it runs like the field-by-field object literal it generates (this runs on every row).
 */
export const rowFromCells = compileRecordBuilder<[string[], Int32Array], MappedRow>(
  CANONICAL_FIELDS,
  ['cells', 'at'],
  (k) => `cellAt(cells, at[${k}])`,
  { cellAt },
);
