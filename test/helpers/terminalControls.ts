/**
 * The terminal controls in a text, as their code points (an empty list when there are none): C0 but tab and line
 * feed, DEL, C1. Written out independently of escapeControls, so that a test of it is not the function checking itself.
 */
export const terminalControlsIn = (text: string): string[] =>
  [...text]
    .map((char) => char.codePointAt(0)!)
    .filter((code) => (code < 0x20 && code !== 0x09 && code !== 0x0a) || (code >= 0x7f && code <= 0x9f))
    .map((code) => `U+${code.toString(16).padStart(4, '0')}`);
