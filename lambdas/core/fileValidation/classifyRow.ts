import type { MappedRow } from '../fields.js';
import type { RowMapper } from '../mapping/index.js';
import { REPLACEMENT_CHARACTER, type RecordFlaw } from '../reading/index.js';
import type { Problem } from '../validating/index.js';

/**
 * What a data record is before validation: the rows it maps to, to validate; or refused whole, with its problems
 * and the first of its mapped rows (which names the customer the refusal is held against, when it names one).
 */
export type RowClass =
  | { ok: true; rows: MappedRow[] }
  | {
      ok: false;
      problems: Problem[];
      first: MappedRow | undefined;
      /** Refused for its column count: the wrong-delimiter signal the tally counts. */
      wrongColumnCount: boolean;
    };

/** Extra cells are tolerated when empty: many ERPs end each line with the delimiter. */
const hasExpectedColumns = (cells: string[], expected: number): boolean => {
  if (cells.length === expected) return true;
  if (cells.length < expected) return false;
  for (let k = expected; k < cells.length; k += 1) if (cells[k]!.trim() !== '') return false;
  return true;
};

const columnCountProblem = (cells: string[], expected: number): Problem => ({
  field: 'row',
  code: 'column_count',
  message: `has ${cells.length} column(s) where ${expected} were expected`,
});

/** 1-based positions of the cells that hold a byte the UTF-8 reading replaced. */
const damagedColumns = (cells: string[]): number[] =>
  cells.flatMap((cell, index) => (cell.includes(REPLACEMENT_CHARACTER) ? [index + 1] : []));

const invalidBytesProblem = (columns: number[]): Problem => ({
  field: 'row',
  code: 'invalid_bytes',
  message: `holds bytes that are not UTF-8 text (shown as ${REPLACEMENT_CHARACTER}) in column ${columns.join(', ')}: the rest of the file is UTF-8, so export it from the ERP as UTF-8 again (a value pasted from another program is the usual cause)`,
});

const refused = (problems: Problem[], mapped: MappedRow[], wrongColumnCount = false): RowClass => ({
  ok: false,
  problems,
  first: mapped[0],
  wrongColumnCount,
});

/**
 * Whether a data record can be validated, the first reason against that applies deciding: a flaw the record scanner
 * found, bytes the UTF-8 reading replaced (`replacing`: read as `utf-8-replacing`), the wrong number of columns.
 */
export const classifyRow = (
  cells: string[],
  mapper: Pick<RowMapper, 'expectedColumns' | 'toRows'>,
  flaw: RecordFlaw | undefined,
  replacing: boolean,
): RowClass => {
  const mapped = mapper.toRows(cells);
  if (flaw) return refused([{ field: 'row', ...flaw }], mapped);
  const damaged = replacing ? damagedColumns(cells) : [];
  if (damaged.length > 0) return refused([invalidBytesProblem(damaged)], mapped);
  if (!hasExpectedColumns(cells, mapper.expectedColumns))
    return refused([columnCountProblem(cells, mapper.expectedColumns)], mapped, true);
  return { ok: true, rows: mapped };
};
