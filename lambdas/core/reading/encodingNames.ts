/**
 * The WHATWG name of the encoding a label stands for (`SJIS`, `shift-jis`, `ms_kanji` → `shift_jis`; `latin1`,
 * `iso-8859-1` → `windows-1252`, as browsers read them), or `undefined` when no `TextDecoder` of this runtime knows it.
 * `utf-8-replacing` is not a label: it is how `auto` reads a damaged UTF-8 file, never something a tenant names.
 *
 * @example
 * encodingNameOf(' SJIS ') // 'shift_jis'
 */
export const encodingNameOf = (label: string): string | undefined => {
  try {
    return new TextDecoder(label.trim()).encoding;
  } catch {
    // Unknown labels throw a RangeError, and so does `replacement` (iso-2022-kr and the like: WHATWG decodes those
    // to one U+FFFD, which would read every file as one empty cell).
    return undefined;
  }
};

/** How people write the names of the encodings they meet in ERP exports; others are shown as WHATWG names them. */
const DISPLAY_NAMES: Readonly<Record<string, string>> = {
  'utf-8': 'UTF-8',
  'utf-8-replacing': 'UTF-8 (with bytes that are not UTF-8)',
  'utf-16le': 'UTF-16 LE',
  'utf-16be': 'UTF-16 BE',
  shift_jis: 'Shift_JIS',
  'euc-jp': 'EUC-JP',
  'iso-2022-jp': 'ISO-2022-JP',
  'euc-kr': 'EUC-KR',
  gb18030: 'GB18030',
  gbk: 'GBK',
  big5: 'Big5',
  'koi8-r': 'KOI8-R',
  'koi8-u': 'KOI8-U',
};

/**
 * An encoding's name as a person writes it: `Shift_JIS`, `Windows-1252`, `ISO-8859-2`.
 *
 * @example
 * describeEncoding('windows-1250') // 'Windows-1250'
 */
export const describeEncoding = (name: string): string =>
  DISPLAY_NAMES[name] ??
  name.replace(/^(windows|iso|ibm|macintosh|x-mac)/, (prefix) =>
    prefix === 'iso' || prefix === 'ibm' ? prefix.toUpperCase() : prefix[0]!.toUpperCase() + prefix.slice(1),
  );
