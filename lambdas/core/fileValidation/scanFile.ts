import type { TenantConfig } from '../config/index.js';
import { CustomerGrouper, type GroupingResult } from '../grouping/index.js';
import { type RowMapper, readMappedRecords } from '../mapping/index.js';
import {
  type ByteSource,
  REPLACEMENT_CHARACTER,
  type RecordFlaw,
  type TextEncoding,
} from '../reading/index.js';
import type { FileRefusal } from '../types.js';
import {
  createRowValidator,
  type ReferenceIndex,
  type UnknownValue,
  UnknownValues,
} from '../validating/index.js';
import { ColumnCountTally } from './ColumnCountTally.js';
import { inWideTerms } from './inWideTerms.js';
import { readCustomerTexts } from './readCustomerTexts.js';
import { refusalOf } from './refusalOf.js';
import type { ValidateFileOptions } from './types.js';

/** What one reading of a file in one encoding found. */
export interface Scan {
  bytes: number;
  /** The encoding the file was read in: the one asked for, or UTF-16 found by the decoder from its byte-order mark. */
  encoding: TextEncoding;
  hasHeader: boolean;
  ignoredColumns: string[];
  rows: number;
  refusal?: FileRefusal;
  /** Absent when the file's columns could not be read at all (wrong delimiter). */
  grouping?: GroupingResult;
  /** Code values no table and no reference list knows, once each with the rows carrying them. */
  unknownValues: UnknownValue[];
}

/** Extra cells are tolerated when empty: many ERPs end each line with the delimiter. */
const hasExpectedColumns = (cells: string[], expected: number): boolean => {
  if (cells.length === expected) return true;
  if (cells.length < expected) return false;
  for (let k = expected; k < cells.length; k += 1) if (cells[k]!.trim() !== '') return false;
  return true;
};

const COLUMN_COUNT_PROBLEM = (cells: string[], expected: number) => ({
  field: 'row',
  code: 'column_count',
  message: `has ${cells.length} column(s) where ${expected} were expected`,
});

/** 1-based positions of the cells that hold a byte the UTF-8 reading replaced. */
const damagedColumns = (cells: string[]): number[] =>
  cells.flatMap((cell, index) => (cell.includes(REPLACEMENT_CHARACTER) ? [index + 1] : []));

const invalidBytesProblem = (columns: number[]) => ({
  field: 'row',
  code: 'invalid_bytes',
  message: `holds bytes that are not UTF-8 text (shown as ${REPLACEMENT_CHARACTER}) in column ${columns.join(', ')}: the rest of the file is UTF-8, so export it from the ERP as UTF-8 again (a value pasted from another program is the usual cause)`,
});

/** One reading of the file in one encoding: every data row mapped, validated and grouped, then the verdict. */
export const scanFile = async (
  source: ByteSource,
  tenant: TenantConfig,
  encoding: TextEncoding,
  reference: ReferenceIndex,
  options: ValidateFileOptions,
): Promise<Scan> => {
  const grouper = new CustomerGrouper(options);
  const unknownValues = new UnknownValues();
  const validateRow = createRowValidator(reference, unknownValues);
  const tally = new ColumnCountTally();
  const isWide =
    tenant.template.kind === 'wide' ||
    (tenant.template.kind === 'mapped' && tenant.template.layout === 'wide');
  let rows = 0;
  let decided = false;
  const replacing = encoding === 'utf-8-replacing';

  const visitRow = (cells: string[], line: number, mapper: RowMapper, flaw?: RecordFlaw): void => {
    tally.countRow();
    const mapped = mapper.toRows(cells);
    if (flaw) {
      grouper.addRejected(
        line,
        mapped[0]?.customer_code,
        [{ field: 'row', ...flaw }],
        mapped[0]?.customer_name,
      );
      return;
    }
    const damaged = replacing ? damagedColumns(cells) : [];
    if (damaged.length > 0) {
      grouper.addRejected(
        line,
        mapped[0]?.customer_code,
        [invalidBytesProblem(damaged)],
        mapped[0]?.customer_name,
      );
      return;
    }
    if (!hasExpectedColumns(cells, mapper.expectedColumns)) {
      tally.countWrong(cells.length);
      grouper.addRejected(
        line,
        mapped[0]?.customer_code,
        [COLUMN_COUNT_PROBLEM(cells, mapper.expectedColumns)],
        mapped[0]?.customer_name,
      );
      return;
    }
    for (const row of mapped) {
      const result = validateRow(row);
      if (result.ok) grouper.addValid(line, result.row);
      else
        grouper.addRejected(
          line,
          row.customer_code,
          isWide ? inWideTerms(result.problems, row) : result.problems,
          row.customer_name,
        );
    }
  };

  const reading = await readMappedRecords(source, tenant, encoding, (cells, line, mapper, flaw) => {
    rows += 1;
    // Once the sample decides the file is refused, the rest is only counted: every row ends held back.
    if (!decided) {
      visitRow(cells, line, mapper, flaw);
      decided = tally.decidedEarly;
    }
    return true;
  });
  const facts = {
    ...(reading.refusal ? { readingRefusal: reading.refusal } : {}),
    records: reading.records,
    sawHeader: reading.mapper?.hasHeader ?? false,
    tally,
    expectedColumns: reading.mapper?.expectedColumns ?? 0,
    delimiter: tenant.delimiter,
  };
  let refusal = refusalOf(facts);
  let grouping: GroupingResult | undefined;
  if (refusal?.code !== 'wrong_delimiter') {
    const conflictLines = grouper.conflictLines();
    const firstTexts =
      conflictLines.length > 0
        ? await readCustomerTexts(source, tenant, reading.encoding, reference, conflictLines)
        : undefined;
    grouping = grouper.finish(firstTexts);
    refusal ??= refusalOf({ ...facts, validCustomers: grouping.validCustomers });
  }
  return {
    bytes: reading.bytes,
    encoding: reading.encoding,
    hasHeader: facts.sawHeader,
    ignoredColumns: reading.mapper?.ignoredColumns ?? [],
    rows,
    ...(refusal ? { refusal } : {}),
    ...(grouping ? { grouping } : {}),
    unknownValues: unknownValues.list(),
  };
};
