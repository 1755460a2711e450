/** What one check found: `differs` is a proven mismatch, `unknown` what JOOR's answers could not settle. */
export type Verdict = 'ok' | 'differs' | 'unknown';

/** One line of the `joor-check` table. */
export interface CheckLine {
  check: string;
  expected: string;
  answered: string;
  verdict: Verdict;
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
