const HTML_ESCAPES: Record<string, string> = {
  '&': '&amp;',
  '<': '&lt;',
  '>': '&gt;',
  '"': '&quot;',
  "'": '&#39;',
};

/** Escapes a value from the file for HTML text and attributes. */
export const escapeHtml = (value: string): string => value.replace(/[&<>"']/g, (char) => HTML_ESCAPES[char]!);

/** Characters that make a spreadsheet read a cell as a formula (OWASP: CSV injection). */
const FORMULA_START = /^[=+\-@\t\r]/;

/** One CSV cell: always quoted, and a value a spreadsheet would run as a formula prefixed with `'`. */
export const csvCell = (value: string | number | undefined): string => {
  const text = value === undefined ? '' : String(value);
  const safe = FORMULA_START.test(text) ? `'${text}` : text;
  return `"${safe.replaceAll('"', '""')}"`;
};

/**
 * Whether a UTF-16 unit is a control a terminal acts on instead of showing: C0 but tab and line feed (ESC starts the
 * sequences that clear the screen or move the cursor, BEL rings, CR writes over the line), DEL, and C1 (U+009B is
 * CSI, ESC [ to a terminal that reads 8-bit controls).
 */
const isTerminalControl = (code: number): boolean =>
  (code < 0x20 && code !== 0x09 && code !== 0x0a) || (code >= 0x7f && code <= 0x9f);

/**
 * Text for a person's terminal or a plain-text email, with every terminal control written out visibly as `\u001b`
 * (a value from the file, `ESC[2J` or a BEL, reaches report.txt, the email's text part and the CLI's output as
 * characters to read, never as an action). Tab and line feed are kept: the renderers lay lines out with them. The
 * `\uXXXX` form is also JSON's, so text that is JSON stays JSON that reads back the same. Idempotent.
 *
 * @example
 * escapeControls('C1\u001b[2J\u0007'); // 'C1\\u001b[2J\\u0007'
 */
export const escapeControls = (text: string): string => {
  let escaped = '';
  let from = 0;
  for (let at = 0; at < text.length; at += 1) {
    const code = text.charCodeAt(at);
    if (!isTerminalControl(code)) continue;
    escaped += `${text.slice(from, at)}\\u${code.toString(16).padStart(4, '0')}`;
    from = at + 1;
  }
  return from === 0 ? text : escaped + text.slice(from);
};
