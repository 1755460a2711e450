/** Once this many data rows were read, a file where most have the wrong column count is refused without reading on. */
export const DELIMITER_SAMPLE_ROWS = 1000;
/** More than this share of rows with the wrong column count means the file is not split by its delimiter. */
export const WRONG_COUNT_SHARE = 0.5;

/** Counts the data rows of a reading and those with the wrong number of columns (the wrong-delimiter signal). */
export class ColumnCountTally {
  rows = 0;
  wrongCount = 0;
  /** The column count of the first row that had the wrong one, for the refusal's message. */
  firstWrongCount = 0;

  countRow(): void {
    this.rows += 1;
  }

  countWrong(columns: number): void {
    this.wrongCount += 1;
    this.firstWrongCount ||= columns;
  }

  /** Whether most rows so far have the wrong column count. */
  get mostlyWrong(): boolean {
    return this.wrongCount > this.rows * WRONG_COUNT_SHARE;
  }

  /** Whether the sample is read and already decides the file: the rest need not be validated. */
  get decidedEarly(): boolean {
    return this.rows === DELIMITER_SAMPLE_ROWS && this.mostlyWrong;
  }
}
