import type { TenantConfig } from '../config/index.js';
import { CustomerGrouper, type GroupingResult } from '../grouping/index.js';
import { type MappedReading, readMappedRecords } from '../mapping/index.js';
import type { ByteSource, TextEncoding } from '../reading/index.js';
import type { FileRefusal } from '../types.js';
import {
  createRowValidator,
  type ReferenceIndex,
  type UnknownValue,
  UnknownValues,
} from '../validating/index.js';
import type { ColumnCountTally } from './ColumnCountTally.js';
import { RowCollector } from './RowCollector.js';
import { readCustomerTexts } from './readCustomerTexts.js';
import { type ReadingFacts, refusalOf } from './refusalOf.js';
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

interface Verdict {
  refusal?: FileRefusal;
  grouping?: GroupingResult;
}

const isWide = (tenant: TenantConfig): boolean =>
  tenant.template.kind === 'wide' || (tenant.template.kind === 'mapped' && tenant.template.layout === 'wide');

const factsOf = (reading: MappedReading, tally: ColumnCountTally, delimiter: string): ReadingFacts => ({
  ...(reading.refusal ? { readingRefusal: reading.refusal } : {}),
  records: reading.records,
  sawHeader: reading.mapper?.hasHeader ?? false,
  tally,
  expectedColumns: reading.mapper?.expectedColumns ?? 0,
  delimiter,
});

/**
 * Whether the file is refused, and its grouping finished (unless its columns could not be read at all): the fields
 * in conflict are named from their first texts, read again from the file because the reading keeps no rows.
 */
const verdictOf = async (
  facts: ReadingFacts,
  grouper: CustomerGrouper,
  readConflictTexts: (lines: number[]) => Promise<ReadonlyMap<number, string>>,
): Promise<Verdict> => {
  const refusal = refusalOf(facts);
  if (refusal?.code === 'wrong_delimiter') return { refusal };
  const conflictLines = grouper.conflictLines();
  const grouping = grouper.finish(
    conflictLines.length > 0 ? await readConflictTexts(conflictLines) : undefined,
  );
  return { refusal: refusal ?? refusalOf({ ...facts, validCustomers: grouping.validCustomers }), grouping };
};

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
  const collector = new RowCollector(grouper, createRowValidator(reference, unknownValues), {
    wide: isWide(tenant),
    replacing: encoding === 'utf-8-replacing',
  });
  const reading = await readMappedRecords(source, tenant, encoding, (cells, line, mapper, flaw) => {
    collector.add(cells, line, mapper, flaw);
    return true;
  });
  const { refusal, grouping } = await verdictOf(
    factsOf(reading, collector.tally, reading.delimiter),
    grouper,
    (lines) => readCustomerTexts(source, tenant, reading.encoding, reference, lines),
  );
  return {
    bytes: reading.bytes,
    encoding: reading.encoding,
    hasHeader: reading.mapper?.hasHeader ?? false,
    ignoredColumns: reading.mapper?.ignoredColumns ?? [],
    rows: collector.rows,
    ...(refusal ? { refusal } : {}),
    ...(grouping ? { grouping } : {}),
    unknownValues: unknownValues.list(),
  };
};
