import type { MappedRow } from '../fields.js';
import type { CustomerGrouper } from '../grouping/index.js';
import type { RowMapper } from '../mapping/index.js';
import type { RecordFlaw } from '../reading/index.js';
import type { RowValidator } from '../validating/index.js';
import { ColumnCountTally } from './ColumnCountTally.js';
import { classifyRow } from './classifyRow.js';
import { inWideTerms } from './inWideTerms.js';

export interface RowCollectorSettings {
  /** The tenant's layout is wide: problems are named by the file's columns (`shipping_city`). */
  wide: boolean;
  /** The file is read as `utf-8-replacing`: a row holding a replaced byte is refused. */
  replacing: boolean;
}

/**
 * Takes a reading's data records in file order: each classified, the rows to validate validated, every outcome handed
 * to the grouper, the column counts tallied. Once the sample decides the file is refused, the rest is only counted:
 * every row ends held back.
 */
export class RowCollector {
  /** Data records read, validated or not. */
  rows = 0;
  readonly tally = new ColumnCountTally();
  private decided = false;

  constructor(
    private readonly grouper: CustomerGrouper,
    private readonly validateRow: RowValidator,
    private readonly settings: RowCollectorSettings,
  ) {}

  add(cells: string[], line: number, mapper: RowMapper, flaw?: RecordFlaw): void {
    this.rows += 1;
    if (this.decided) return;
    this.tally.countRow();
    const row = classifyRow(cells, mapper, flaw, this.settings.replacing);
    if (row.ok) for (const mapped of row.rows) this.validate(line, mapped);
    else {
      if (row.wrongColumnCount) this.tally.countWrong(cells.length);
      this.grouper.addRejected(line, row.first?.customer_code, row.problems, row.first?.customer_name);
    }
    this.decided = this.tally.decidedEarly;
  }

  private validate(line: number, row: MappedRow): void {
    const result = this.validateRow(row);
    if (result.ok) this.grouper.addValid(line, result.row);
    else
      this.grouper.addRejected(
        line,
        row.customer_code,
        this.settings.wide ? inWideTerms(result.problems, row) : result.problems,
        row.customer_name,
      );
  }
}
