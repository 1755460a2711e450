/**
 * Excel's hint line, alone on a file's first line: `sep=;` (quoted by some writers), naming the delimiter; only the
 * delimiters JOOR's files use (pipe, comma, semicolon, tab, space) are taken, so a hint cannot make a file readable
 * that the tenant's setting could not.
 */
const SEP_HINT = /^"?sep=([|,;\t ])"?(\r\n|\n|\r)/i;
const SEP_HINT_ALONE = /^"?sep=([|,;\t ])"?$/i;
/** The longest start of a text that may still turn into a hint line: `"sep=;"` and a CRLF. */
const LONGEST_HINT = 9;

/** What the start of a text says: Excel's hint line (its delimiter and length), none, or not yet known. */
export type SepHint = { delimiter: string; length: number } | 'none' | 'more';

/**
 * Whether a text starts with Excel's `sep=` line ("Save as CSV" in some locales, and exports meant for Excel, write
 * it so that Excel splits the columns right): the delimiter it names and how many characters the line takes, line
 * end included. `more` when the text is too short to tell and more may come (`ended` false).
 *
 * @example
 * sepHintOf('sep=;\r\ncustomer_code;…', true) // { delimiter: ';', length: 7 }
 */
export const sepHintOf = (text: string, ended: boolean): SepHint => {
  const match = SEP_HINT.exec(text);
  // A CR that ends the text may be the first half of a CRLF.
  if (match && match[2] === '\r' && match[0].length === text.length && !ended) return 'more';
  if (match) return { delimiter: match[1]!, length: match[0].length };
  if (ended) {
    // A file of one line: the hint with no line end after it.
    const last = SEP_HINT_ALONE.exec(text);
    return last ? { delimiter: last[1]!, length: text.length } : 'none';
  }
  const mayBecome = text.length < LONGEST_HINT && /^"?(s(e(p(=[|,;\t ]?"?\r?)?)?)?)?$/i.test(text);
  return mayBecome ? 'more' : 'none';
};
