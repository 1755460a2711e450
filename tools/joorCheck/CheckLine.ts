/** What one check found: `differs` is a proven mismatch, `unknown` what JOOR's answers could not settle. */
export type Verdict = 'ok' | 'differs' | 'unknown';

/** One line of the `joor-check` table. */
export interface CheckLine {
  check: string;
  expected: string;
  answered: string;
  verdict: Verdict;
  /** On a line that settles an open point: the tenant setting and the value to use (what `--fix` writes). */
  setting?: { key: string; value: string | boolean };
}

export const checkLine = (
  check: string,
  expected: string,
  answered: string,
  verdict: Verdict,
): CheckLine => ({
  check,
  expected,
  answered,
  verdict,
});
