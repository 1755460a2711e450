import type { CheckLine } from './CheckLine.js';

/** Column widths on a terminal; longer cells wrap onto the next lines, nothing is cut. */
const WIDTHS = { check: 44, expected: 36, answered: 56 } as const;
const HEADINGS: CheckLine = {
  check: 'check',
  expected: 'expected',
  answered: 'JOOR answered',
  verdict: 'ok',
};

/** Cuts text into lines of at most `width` characters, at spaces where it can. */
const wrap = (text: string, width: number): string[] => {
  const lines: string[] = [];
  let rest = text;
  while (rest.length > width) {
    const space = rest.lastIndexOf(' ', width);
    const cut = space > 0 ? space : width;
    lines.push(rest.slice(0, cut));
    rest = rest.slice(cut).trimStart();
  }
  lines.push(rest);
  return lines;
};

const row = (line: CheckLine, verdict: string): string[] => {
  const cells = [
    wrap(line.check, WIDTHS.check),
    wrap(line.expected, WIDTHS.expected),
    wrap(line.answered, WIDTHS.answered),
  ];
  const height = Math.max(...cells.map((cell) => cell.length));
  return Array.from({ length: height }, (_, k) =>
    [
      (cells[0]![k] ?? '').padEnd(WIDTHS.check),
      (cells[1]![k] ?? '').padEnd(WIDTHS.expected),
      (cells[2]![k] ?? '').padEnd(WIDTHS.answered),
      k === 0 ? verdict : '',
    ]
      .join('  ')
      .trimEnd(),
  );
};

/** The `joor-check` table with a closing count of each verdict. */
export const renderCheckTable = (checks: CheckLine[]): string => {
  const count = (verdict: CheckLine['verdict']) => checks.filter((line) => line.verdict === verdict).length;
  return [
    ...row(HEADINGS, 'verdict'),
    '-'.repeat(WIDTHS.check + WIDTHS.expected + WIDTHS.answered + 6 + 'differs'.length),
    ...checks.flatMap((line) => row(line, line.verdict)),
    '',
    `${count('ok')} ok, ${count('differs')} differ, ${count('unknown')} unknown`,
  ].join('\n');
};
