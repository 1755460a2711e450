import { boundEcho, MAX_MESSAGE_CHARS } from '../echo.js';
import type { RejectedRow } from '../types.js';
import type { Problem } from '../validating/index.js';
import { type CustomerCodes, NO_CUSTOMER, NO_LINE } from './CustomerCodes.js';
import { GrowableNumberArray } from './GrowableNumberArray.js';

/** Lines named in a message: a few, then how many more (a customer may have thousands of rows). */
const LINES_NAMED = 10;

const linesNamed = (lines: ReadonlySet<number>): string => {
  const sorted = [...lines].sort((a, b) => a - b);
  const named = sorted.slice(0, LINES_NAMED).join(', ');
  const word = sorted.length === 1 ? 'line' : 'lines';
  return sorted.length > LINES_NAMED
    ? `${word} ${named} and ${sorted.length - LINES_NAMED} more`
    : `${word} ${named}`;
};

/**
 * Every problem found, the customers rejected, and which customer each data row belongs to (8 bytes a row), so that
 * at the end every row of a rejected customer is listed: no row is ever silently dropped.
 */
export class RejectionLedger {
  private readonly problems: RejectedRow[] = [];
  /** The customer of each problem (its code in the problem may be cut). */
  private readonly problemIds: number[] = [];
  /** Names of rejected customers, as their rows give them: only rejected customers are kept. */
  private readonly names = new Map<number, string>();
  private readonly rejected = new Set<number>();
  private readonly rowCustomers = new GrowableNumberArray();
  private readonly rowLines = new GrowableNumberArray();

  constructor(private readonly codes: CustomerCodes) {}

  get rejectedCustomers(): number {
    return this.rejected.size;
  }

  isRejected(id: number): boolean {
    return this.rejected.has(id);
  }

  /** Notes that a data row (one line, or one group of a wide line) belongs to a customer. */
  recordRow(id: number, line: number): void {
    this.rowCustomers.push(id);
    this.rowLines.push(line);
  }

  /** Rejects the customer for a problem on a line, without listing it yet (the problem is reported later). */
  reject(id: number): void {
    if (id !== NO_CUSTOMER) this.rejected.add(id);
  }

  /** Names a rejected customer for the report (the first non-empty name a row of it gives). */
  nameCustomer(id: number, name: string | undefined): void {
    const trimmed = name?.trim();
    if (id !== NO_CUSTOMER && trimmed && !this.names.has(id)) this.names.set(id, boundEcho(trimmed));
  }

  /** Records a problem on a line, which rejects its customer. */
  report(id: number, line: number, problem: Problem): void {
    this.reject(id);
    // Problems phrase a predicate ("is required"); the report reads "city is required", "This row has 3 column(s)…".
    const subject = problem.field === 'row' ? 'This row' : problem.field;
    // Values are cut here, where every problem passes, so that no report, email or CSV echoes a file's worth of them.
    this.problemIds.push(id);
    this.problems.push({
      line,
      customerCode: boundEcho(this.codes.codeOf(id)),
      ...problem,
      ...(problem.value === undefined ? {} : { value: boundEcho(problem.value) }),
      message: boundEcho(`${subject} ${problem.message}`, MAX_MESSAGE_CHARS),
    });
  }

  /**
   * Lists every row of a rejected customer that has no problem of its own, sorts all problems by line, and counts
   * the rejected lines.
   */
  close(): { rejected: RejectedRow[]; rejectedRows: number } {
    const linesWithProblems = new Map<number, Set<number>>();
    for (const [k, problem] of this.problems.entries()) {
      const id = this.problemIds[k]!;
      const lines = linesWithProblems.get(id) ?? new Set<number>();
      lines.add(problem.line);
      linesWithProblems.set(id, lines);
    }
    let rejectedRows = 0;
    let previousLine = NO_LINE;
    for (let row = 0; row < this.rowLines.length; row += 1) {
      const id = this.rowCustomers.at(row);
      const line = this.rowLines.at(row);
      // A wide row yields a billing and a shipping row on one line: count and list the line once.
      if (line === previousLine) continue;
      previousLine = line;
      if (id !== NO_CUSTOMER && !this.rejected.has(id)) continue;
      rejectedRows += 1;
      const ownLines = linesWithProblems.get(id)!;
      if (ownLines.has(line)) continue;
      this.problems.push({
        line,
        customerCode: boundEcho(this.codes.codeOf(id)),
        field: 'row',
        ...(this.names.has(id) ? { customerName: this.names.get(id)! } : {}),
        code: 'customer_rejected',
        message: `This row is rejected with its customer, which has problems on ${linesNamed(ownLines)}`,
      });
    }
    for (const [k, problem] of this.problems.entries()) {
      const name = this.names.get(this.problemIds[k] ?? NO_CUSTOMER);
      if (name !== undefined && problem.customerName === undefined) problem.customerName = name;
    }
    this.problems.sort((a, b) => a.line - b.line);
    return { rejected: this.problems, rejectedRows };
  }
}
