/**
 * Why a regular expression could take more than linear time in a backtracking engine (Node's), or `undefined` when
 * it has none of the shapes that can: a back-reference, a lookaround, or a repeated group that holds a quantifier or
 * an alternation (`(\w+)+`, `(a|ab)*`), where the engine may try every way of splitting the text between the
 * repeats. The ERP chooses the file name and the splitter's slots are shared, so a pattern that one long name could
 * hold for seconds is refused when the config is read (issue #35). The source must already compile.
 *
 * @example
 * slowPatternReason('^customer_(\\w+)+\\.psv$') // 'a repeated group holds a quantifier: "(\\w+)+" …'
 * slowPatternReason('^customer_\\d{8}\\.psv$') // undefined
 */
export const slowPatternReason = (source: string): string | undefined => {
  // One frame per open group: where it starts, and whether it holds a quantifier or an alternation.
  const frames: { start: number; quantified: boolean; alternation: boolean }[] = [
    { start: 0, quantified: false, alternation: false },
  ];
  let i = 0;
  while (i < source.length) {
    const char = source[i]!;
    if (char === '\\') {
      const next = source[i + 1] ?? '';
      if (/[1-9]/.test(next) || (next === 'k' && source[i + 2] === '<'))
        return `a back-reference ("\\${next}…") can take exponential time`;
      i += 2;
    } else if (char === '[') {
      i = classEnd(source, i);
    } else if (char === '(') {
      if (/^\(\?(?:=|!|<=|<!)/.test(source.slice(i, i + 4)))
        return `a lookaround ("${source.slice(i, i + 4)}…") is not taken: name the file by what it is, not by what is around it`;
      frames.push({ start: i, quantified: false, alternation: false });
      // `(?:` and `(?<name>` open a group as `(` does; their `?` quantifies nothing.
      i += /^\(\?(?::|<[^>]*>)/.exec(source.slice(i))?.[0].length ?? 1;
    } else if (char === ')') {
      const group = frames.pop()!;
      const parent = frames[frames.length - 1]!;
      const after = quantifierAt(source, i + 1);
      if (after.repeats && (group.quantified || group.alternation)) {
        const text = source.slice(group.start, i + 1 + after.length);
        return `a repeated group holds ${group.quantified ? 'a quantifier' : 'an alternation'}: "${text}" can take exponential time on a long name; write it without the outer repeat (e.g. "\\w+" for "(\\w+)+")`;
      }
      parent.quantified ||= group.quantified || after.length > 0;
      i += 1 + after.length;
    } else if (char === '|') {
      frames[frames.length - 1]!.alternation = true;
      i += 1;
    } else {
      const after = quantifierAt(source, i);
      if (after.length > 0) frames[frames.length - 1]!.quantified = true;
      i += Math.max(1, after.length);
    }
  }
  return undefined;
};

/** The index after a character class that opens at `open` (`[…]`, escapes inside it skipped). */
const classEnd = (source: string, open: number): number => {
  let i = open + 1;
  while (i < source.length && source[i] !== ']') i += source[i] === '\\' ? 2 : 1;
  return i + 1;
};

/**
 * The quantifier written at `at`, if any: its length (a lazy `?` included) and whether it lets its atom repeat
 * (`*`, `+`, `{n,}`, `{n,m}` with m > 1; not `?`, `{0,1}` or `{1}`).
 */
const quantifierAt = (source: string, at: number): { length: number; repeats: boolean } => {
  const char = source[at];
  let length = 0;
  let repeats = false;
  if (char === '*' || char === '+') {
    length = 1;
    repeats = true;
  } else if (char === '?') {
    length = 1;
  } else if (char === '{') {
    const braces = /^\{(\d+)(,(\d*))?\}/.exec(source.slice(at));
    if (braces) {
      length = braces[0].length;
      const most =
        braces[2] === undefined ? Number(braces[1]) : braces[3] === '' ? Infinity : Number(braces[3]);
      repeats = most > 1;
    }
  }
  if (length > 0 && source[at + length] === '?') length += 1;
  return { length, repeats };
};
