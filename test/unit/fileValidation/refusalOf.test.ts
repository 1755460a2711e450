import { describe, expect, it } from 'vitest';
import {
  ColumnCountTally,
  DELIMITER_SAMPLE_ROWS,
} from '../../../lambdas/core/fileValidation/ColumnCountTally.js';
import { type ReadingFacts, refusalOf } from '../../../lambdas/core/fileValidation/refusalOf.js';

const tally = (rows: number, wrong: number, wrongColumns = 1): ColumnCountTally => {
  const t = new ColumnCountTally();
  for (let k = 0; k < rows; k += 1) t.countRow();
  for (let k = 0; k < wrong; k += 1) t.countWrong(wrongColumns);
  return t;
};
const facts = (changes: Partial<ReadingFacts> = {}): ReadingFacts => ({
  records: 11,
  sawHeader: true,
  tally: tally(10, 0),
  expectedColumns: 26,
  delimiter: '|',
  validCustomers: 4,
  ...changes,
});

describe('refusalOf', () => {
  it('refuses nothing in a readable file with valid customers', () => {
    expect(refusalOf(facts())).toBeUndefined();
  });

  it('decides in one order: the reading’s own refusal, empty, header only, wrong delimiter, no valid customers', () => {
    const missing = { code: 'missing_columns' as const, message: 'no city' };
    expect(refusalOf(facts({ readingRefusal: missing, records: 0 }))).toBe(missing);
    expect(refusalOf(facts({ records: 0, tally: tally(0, 0) }))?.code).toBe('empty');
    expect(refusalOf(facts({ records: 1, tally: tally(0, 0), validCustomers: 0 }))?.code).toBe('header_only');
    expect(refusalOf(facts({ tally: tally(10, 6), validCustomers: 0 }))?.code).toBe('wrong_delimiter');
    expect(refusalOf(facts({ validCustomers: 0 }))?.code).toBe('no_valid_customers');
  });

  it('names the counts and the delimiter in a wrong-delimiter refusal', () => {
    expect(refusalOf(facts({ tally: tally(10, 6, 1), delimiter: '\t' }))?.message).toBe(
      'Most lines (6 of the first 10) have 1 column(s) where 26 were expected: is the file delimited by tab?',
    );
  });

  it('lets the sample decide a file early only once it is read and mostly wrong', () => {
    expect(tally(DELIMITER_SAMPLE_ROWS - 1, DELIMITER_SAMPLE_ROWS - 1).decidedEarly).toBe(false);
    expect(tally(DELIMITER_SAMPLE_ROWS, DELIMITER_SAMPLE_ROWS / 2).decidedEarly).toBe(false);
    expect(tally(DELIMITER_SAMPLE_ROWS, DELIMITER_SAMPLE_ROWS / 2 + 1).decidedEarly).toBe(true);
  });
});
