import type { TenantConfig } from './config/index.js';
import { ADDRESS_FIELDS, type AddressField, type MappedRow, wideColumnName } from './fields.js';
import { CustomerGrouper, type GroupingResult } from './grouping/index.js';
import type { RowMapper } from './mapping/index.js';
import { readMappedRecords } from './mapping/index.js';
import type { ByteSource, TextEncoding } from './reading/index.js';
import { ReadError } from './reading/index.js';
import type { FileRefusal, RejectedRow } from './types.js';
import type { Problem } from './validating/index.js';
import { createRowValidator, indexReferenceData, type ReferenceIndex } from './validating/index.js';

/** Once this many data rows were read, a file where most have the wrong column count is refused without reading on. */
const DELIMITER_SAMPLE_ROWS = 1000;
const WRONG_COUNT_SHARE = 0.5;

export interface FileCounts {
  /** Data rows: lines holding a record, without the header and blank lines. */
  rows: number;
  customers: number;
  validCustomers: number;
  rejectedRows: number;
}

/** Everything validation learnt about one file; `customerHashes` feeds change detection. */
export interface FileValidation {
  file: string;
  bytes: number;
  encoding: TextEncoding;
  hasHeader: boolean;
  ignoredColumns: string[];
  counts: FileCounts;
  rejected: RejectedRow[];
  refusal?: FileRefusal;
  /** Valid customer code → content hash (empty when the file is refused), built on the first call. */
  customerHashes(): ReadonlyMap<string, string>;
}

export interface ValidateOptions {
  /**
   * Whether to compute each valid customer's content hash for change detection (default true); without them
   * `customerHashes()` throws (a refused file has none: it gives an empty map either way). The `validate` command
   * reports no hashes and saves a digest a row.
   */
  contentHashes?: boolean;
}

const ADDRESS_FIELD_SET: ReadonlySet<string> = new Set(ADDRESS_FIELDS);

/** Extra cells are tolerated when empty: many ERPs end each line with the delimiter. */
const hasExpectedColumns = (cells: string[], expected: number): boolean => {
  if (cells.length === expected) return true;
  if (cells.length < expected) return false;
  for (let k = expected; k < cells.length; k += 1) if (cells[k]!.trim() !== '') return false;
  return true;
};

/** In the wide layout a problem with `city` of the shipping group is reported as `shipping_city`. */
const inWideTerms = (problems: Problem[], row: MappedRow): Problem[] =>
  problems.map((problem) =>
    ADDRESS_FIELD_SET.has(problem.field) && problem.field !== 'address_type'
      ? {
          ...problem,
          field: wideColumnName(row.address_type as 'billing' | 'shipping', problem.field as AddressField),
        }
      : problem,
  );

/** Reads the customer key of the rows at the given lines again, for naming the fields of a conflict. */
const readCustomerKeys = async (
  source: ByteSource,
  tenant: TenantConfig,
  encoding: TextEncoding,
  reference: ReferenceIndex,
  lines: number[],
): Promise<Map<number, string>> => {
  const wanted = new Set(lines);
  const keys = new Map<number, string>();
  const validateRow = createRowValidator(reference);
  await readMappedRecords(source, tenant, encoding, (cells, line, mapper) => {
    if (!wanted.has(line)) return true;
    for (const row of mapper.toRows(cells)) {
      const result = validateRow(row);
      if (result.ok) keys.set(line, result.row.customerKey);
    }
    return keys.size < wanted.size;
  });
  return keys;
};

/** One reading of the file in one encoding. */
const scan = async (
  source: ByteSource,
  tenant: TenantConfig,
  encoding: TextEncoding,
  reference: ReferenceIndex,
  options: ValidateOptions,
) => {
  const grouper = new CustomerGrouper(options);
  const validateRow = createRowValidator(reference);
  let rows = 0;
  let wrongCount = 0;
  let wrongCountExample = 0;
  let delimiterRefusal: FileRefusal | undefined;
  const isWide =
    tenant.template.kind === 'wide' ||
    (tenant.template.kind === 'mapped' && tenant.template.layout === 'wide');

  const visitData = (cells: string[], line: number, mapper: RowMapper): void => {
    const mapped = mapper.toRows(cells);
    if (!hasExpectedColumns(cells, mapper.expectedColumns)) {
      wrongCount += 1;
      wrongCountExample ||= cells.length;
      grouper.addRejected(line, mapped[0]?.customer_code, [
        {
          field: 'row',
          code: 'column_count',
          message: `has ${cells.length} column(s) where ${mapper.expectedColumns} were expected`,
        },
      ]);
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
        );
    }
  };

  const reading = await readMappedRecords(source, tenant, encoding, (cells, line, mapper) => {
    rows += 1;
    // Once the file is known to be refused, the rest is only counted: every row ends quarantined.
    if (delimiterRefusal) return true;
    visitData(cells, line, mapper);
    if (rows === DELIMITER_SAMPLE_ROWS && wrongCount > rows * WRONG_COUNT_SHARE)
      delimiterRefusal = wrongDelimiter(mapper.expectedColumns);
    return true;
  });
  const { mapper } = reading;
  function wrongDelimiter(expected: number): FileRefusal {
    const shown =
      tenant.delimiter === '\t' ? 'tab' : tenant.delimiter === ' ' ? 'space' : `"${tenant.delimiter}"`;
    return {
      code: 'wrong_delimiter',
      message: `Most lines (${wrongCount} of the first ${rows}) have ${wrongCountExample} column(s) where ${expected} were expected: is the file delimited by ${shown}?`,
    };
  }
  let refusal = reading.refusal ?? delimiterRefusal;
  const sawHeader = mapper?.hasHeader ?? false;

  if (!refusal && reading.records === 0)
    refusal = { code: 'empty', message: 'The file is empty: it holds no rows.' };
  if (!refusal && rows === 0 && sawHeader)
    refusal = { code: 'header_only', message: 'The file holds a header row and no customers.' };
  if (!refusal && wrongCount > rows * WRONG_COUNT_SHARE)
    refusal = wrongDelimiter(mapper?.expectedColumns ?? 0);
  let grouping: GroupingResult | undefined;
  if (refusal?.code !== 'wrong_delimiter') {
    const conflictLines = grouper.conflictLines();
    const firstKeys =
      conflictLines.length > 0
        ? await readCustomerKeys(source, tenant, encoding, reference, conflictLines)
        : undefined;
    grouping = grouper.finish(firstKeys);
  }
  if (!refusal && grouping && grouping.validCustomers === 0) {
    refusal = {
      code: 'no_valid_customers',
      message: 'No customer in the file passed validation: see the rejected rows.',
    };
  }
  return {
    bytes: reading.bytes,
    hasHeader: sawHeader,
    ignoredColumns: mapper?.ignoredColumns ?? [],
    rows,
    refusal,
    grouping,
  };
};

/**
 * Reads, maps, validates and groups a whole file without calling anything remote. Under encoding `auto` a file that
 * is not valid UTF-8 is read again as Windows-1252. Never throws for bad content: problems come back as values.
 *
 * @example
 * const result = await validateFile('customer_20261127.psv', () => createReadStream(path), tenant);
 * if (result.refusal) console.error(result.refusal.message);
 */
export const validateFile = async (
  file: string,
  source: ByteSource,
  tenant: TenantConfig,
  options: ValidateOptions = {},
): Promise<FileValidation> => {
  const reference = indexReferenceData(tenant.referenceData);
  const encodings: TextEncoding[] =
    tenant.encoding === 'auto' ? ['utf-8', 'windows-1252'] : [tenant.encoding];
  for (const [attempt, encoding] of encodings.entries()) {
    try {
      const result = await scan(source, tenant, encoding, reference, options);
      const grouping = result.refusal ? undefined : result.grouping;
      return {
        file,
        bytes: result.bytes,
        encoding,
        hasHeader: result.hasHeader,
        ignoredColumns: result.ignoredColumns,
        counts: {
          rows: result.rows,
          customers: result.grouping?.customers ?? 0,
          validCustomers: grouping?.validCustomers ?? 0,
          rejectedRows: result.grouping?.rejectedRows ?? 0,
        },
        rejected: result.grouping?.rejected ?? [],
        ...(result.refusal ? { refusal: result.refusal } : {}),
        customerHashes: grouping ? grouping.contentHashes : noHashes,
      };
    } catch (error) {
      if (!(error instanceof ReadError)) throw error;
      if (error.code === 'not_utf8' && attempt < encodings.length - 1) continue;
      return refusedUnread(file, encoding, {
        code: error.code === 'binary' ? 'binary' : 'undecodable',
        message: error.message,
      });
    }
  }
  throw new Error('unreachable: the last encoding either returns or refuses');
};

const noHashes = (): ReadonlyMap<string, string> => new Map();

const refusedUnread = (file: string, encoding: TextEncoding, refusal: FileRefusal): FileValidation => ({
  file,
  bytes: 0,
  encoding,
  hasHeader: false,
  ignoredColumns: [],
  counts: { rows: 0, customers: 0, validCustomers: 0, rejectedRows: 0 },
  rejected: [],
  refusal,
  customerHashes: noHashes,
});
