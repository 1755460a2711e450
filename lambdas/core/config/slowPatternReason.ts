/** A quantifier after an atom: `*`, `+`, `?`, `{n}`, `{n,}`, `{n,m}` (a lazy `?` after it changes nothing here). */
const QUANTIFIER = /^(?:[*+?]|\{\d+(?:,\d*)?\})/;

/** Whether a quantifier lets its atom repeat: not none, `?`, `{0}`, `{1}`, `{0,1}` or `{1,1}`. */
const repeats = (quantifier: string): boolean =>
  /^(?:[*+]|\{\d+,\d*\}|\{\d\d|\{[2-9])/.test(quantifier) && !/^\{[01],[01]\}/.test(quantifier);

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
  // Escapes, then classes, stand for plain characters, and group openers for a bare `(`, each as long as it was, so
  // that a group's place in `rest` is its place in the source.
  const plain = (text: string) => 'x'.repeat(text.length);
  let rest = source.replace(/\\./g, plain).replace(/\[[^\]]*\]/g, plain);
  if (/\(\?<?[=!]/.test(rest) || /\\(?:[1-9]|k<)/.test(source.replace(/\\\\/g, '')))
    return 'back-references and lookarounds are not taken';
  rest = rest.replace(/\(\?(?::|<\w+>)/g, (opener) => `(${plain(opener.slice(1))}`);
  // Innermost groups first: each is checked, then stands for one atom (quantified when it held a quantifier).
  for (let group = /\(([^()]*)\)/.exec(rest); group; group = /\(([^()]*)\)/.exec(rest)) {
    const inner = group[1]!;
    const end = group.index + group[0].length;
    const after = QUANTIFIER.exec(rest.slice(end))?.[0] ?? '';
    if (repeats(after) && /[*+?}|]/.test(inner))
      return `a repeated group holds a quantifier or an alternation: "${source.slice(group.index, end + after.length)}"`;
    rest = `${rest.slice(0, group.index)}${plain(inner)}x${/[*+?}]/.test(inner) ? '?' : 'x'}${rest.slice(end)}`;
  }
};
