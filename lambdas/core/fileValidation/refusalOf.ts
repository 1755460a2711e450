import type { FileRefusal } from '../types.js';
import type { ColumnCountTally } from './ColumnCountTally.js';

/** What one reading of a file established, as far as refusing it as a whole goes. */
export interface ReadingFacts {
  /** A refusal the reading itself made (columns that cannot be mapped). */
  readingRefusal?: FileRefusal;
  /** Non-blank records, the header included. */
  records: number;
  sawHeader: boolean;
  tally: ColumnCountTally;
  expectedColumns: number;
  delimiter: string;
  /** Customers that passed validation; unknown until grouping finished. */
  validCustomers?: number;
}

const shownDelimiter = (delimiter: string): string =>
  delimiter === '\t' ? 'tab' : delimiter === ' ' ? 'space' : `"${delimiter}"`;

/** The refusal of a file whose rows mostly have the wrong column count. */
export const wrongDelimiterRefusal = (facts: ReadingFacts): FileRefusal => ({
  code: 'wrong_delimiter',
  message: `Most lines (${facts.tally.wrongCount} of the first ${facts.tally.rows}) have ${facts.tally.firstWrongCount} column(s) where ${facts.expectedColumns} were expected: is the file delimited by ${shownDelimiter(facts.delimiter)}?`,
});

/**
 * Whether a file is refused as a whole, and why: the one ordered place where that is decided (SPEC §2.5). The
 * first reason that applies wins.
 */
export const refusalOf = (facts: ReadingFacts): FileRefusal | undefined => {
  if (facts.readingRefusal) return facts.readingRefusal;
  if (facts.records === 0) return { code: 'empty', message: 'The file is empty: it holds no rows.' };
  if (facts.tally.rows === 0 && facts.sawHeader)
    return { code: 'header_only', message: 'The file holds a header row and no customers.' };
  if (facts.tally.mostlyWrong) return wrongDelimiterRefusal(facts);
  if (facts.validCustomers === 0)
    return {
      code: 'no_valid_customers',
      message: 'No customer in the file passed validation: see the rejected rows.',
    };
  return undefined;
};
