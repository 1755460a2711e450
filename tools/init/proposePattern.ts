/**
 * The file-name pattern `init` proposes from one export's name: what stays the same from one export to the next is
 * kept as it is, what changes is given its shape. An ERP names its exports from a fixed part (words, among them
 * words with digits such as `utf8` or `S4`, separators, the extension) and a changing part: a date or a time (whose
 * width is fixed: `\d{8}`, `\d{4}-\d{2}-\d{2}`, `\d{6}`), a month's name, or a run number (whose width grows:
 * `\d+`). A pattern that kept an incidental digit (`utf\d+`) or took a date for any number (`\d+`) would take
 * names the ERP never writes, or refuse one it does.
 *
 * @example
 * proposePattern('tokuisaki_master_utf8_20261127.csv') // '^tokuisaki_master_utf8_\\d{8}\\.csv$'
 * proposePattern('DEBMAS_20261201_0800.csv')           // '^DEBMAS_\\d{8}_\\d{4}\\.csv$'
 * proposePattern('Kunden-Export 2026-12-01 (3).txt')    // '^Kunden-Export \\d{4}-\\d{2}-\\d{2} \\(\\d+\\)\\.txt$'
 */
export const proposePattern = (name: string): string => {
  const parts = name.match(/\p{L}+|[0-9]+|[^\p{L}0-9]+/gu) ?? [];
  return `^${parts.map((_, i) => shapeOf(parts, i)).join('')}$`;
};

/** Months as ERPs write them in names, in the languages `init` reads, by their first three letters. */
const MONTHS = new Set(
  [
    'jan feb mar apr may jun jul aug sep oct nov dec',
    'januar februar märz mai juni juli oktober dezember mär okt dez',
    'janvier février fevrier mars avril juin juillet août aout septembre octobre novembre décembre decembre',
    'gennaio febbraio marzo aprile maggio giugno luglio agosto settembre ottobre dicembre gen mag giu lug ago set ott dic',
    'enero febrero abril mayo junio julio septiembre octubre noviembre diciembre ene abr dic',
  ]
    .join(' ')
    .split(' '),
);

/** Any month's name, in any case (names are matched ignoring case): Latin letters with accents. */
const MONTH_SHAPE = '[a-zà-ÿ]+';

/** Separators that join the parts of one date or time (`2026-12-01`, `08:00`, `01.12.2026`). */
const DATE_JOINER = /^[-_.:]$/;

const isDigits = (part: string | undefined): boolean => part !== undefined && /^[0-9]+$/.test(part);
const isLetters = (part: string | undefined): boolean => part !== undefined && /^\p{L}+$/u.test(part);

const escapeRegExp = (text: string): string => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

const between = (text: string, from: number, to: number, low: number, high: number): boolean => {
  const value = Number(text.slice(from, to));
  return value >= low && value <= high;
};
const isYear = (text: string, at = 0) => between(text, at, at + 4, 1990, 2099);
const isMonth = (text: string, at: number) => between(text, at, at + 2, 1, 12);
const isDay = (text: string, at: number) => between(text, at, at + 2, 1, 31);
const isTime = (text: string) =>
  between(text, 0, 2, 0, 23) && [2, 4].every((at) => at >= text.length || between(text, at, at + 2, 0, 59));

/**
 * Whether a run of digits reads as a date, a time or a timestamp of its width: yyyymmdd (and longer with the time),
 * ddmmyyyy, mmddyyyy, yymmdd, HHMMSS, HHMM, a year, or seconds since 1970 (10 digits, 13 with milliseconds).
 */
const isTimestamp = (digits: string): boolean => {
  switch (digits.length) {
    case 4:
      return isYear(digits) || isTime(digits);
    case 6:
      return (
        (isMonth(digits, 2) && isDay(digits, 4)) || isTime(digits) || (isDay(digits, 0) && isMonth(digits, 2))
      );
    case 8:
      return (
        (isYear(digits) && isMonth(digits, 4) && isDay(digits, 6)) ||
        (isYear(digits, 4) &&
          ((isDay(digits, 0) && isMonth(digits, 2)) || (isMonth(digits, 0) && isDay(digits, 2))))
      );
    case 10:
    case 13:
      return /^1[5-9]/.test(digits);
    default:
      return digits.length > 8 && isYear(digits) && isMonth(digits, 4) && isDay(digits, 6);
  }
};

/** Whether the part at `j` can be another piece of a date or time: a short run of digits, or a month's name. */
const datePiece = (parts: readonly string[], j: number): boolean =>
  (isDigits(parts[j]) && parts[j]!.length <= 4) || isMonthName(parts[j]);

/** Whether the part at `i` is one piece of a date or time written with separators (`2026-12-01`, `01-Dez-2026`). */
const inDateGroup = (parts: readonly string[], i: number): boolean =>
  (DATE_JOINER.test(parts[i - 1] ?? '') && datePiece(parts, i - 2)) ||
  (DATE_JOINER.test(parts[i + 1] ?? '') && datePiece(parts, i + 2));

const isMonthName = (part: string | undefined): boolean => isLetters(part) && MONTHS.has(part!.toLowerCase());

/** Words after which a number counts runs or versions: it changes from one export to the next. */
const COUNTER_WORDS = new Set([
  'run',
  'no',
  'nr',
  'num',
  'seq',
  'batch',
  'part',
  'lauf',
  'job',
  'v',
  'ver',
  'version',
]);

/** Whether the part at `i` is a word of two letters or more that a digit run is written against (`utf8`, `S4`). */
const wordAt = (parts: readonly string[], i: number): boolean =>
  isLetters(parts[i]) && !isMonthName(parts[i]) && parts[i]!.length >= 2;

const digitsShape = (parts: readonly string[], i: number): string => {
  const digits = parts[i]!;
  if (isTimestamp(digits)) return `\\d{${digits.length}}`;
  if (COUNTER_WORDS.has(parts[i - 1]?.toLowerCase() ?? '')) return '\\d+';
  // Digits written against a word, that do not read as a date, belong to the word: `utf8`, `S4HANA`, `ISO8859`.
  if (wordAt(parts, i - 1) || wordAt(parts, i + 1)) return escapeRegExp(digits);
  if (digits.length <= 2 && inDateGroup(parts, i)) return `\\d{${digits.length}}`;
  return '\\d+';
};

const shapeOf = (parts: readonly string[], i: number): string => {
  const part = parts[i]!;
  if (isDigits(part)) return digitsShape(parts, i);
  // A month's name next to digits changes with the date (`Nov2026`, `01-Dec-2026`).
  if (isMonthName(part) && [i - 2, i - 1, i + 1, i + 2].some((j) => isDigits(parts[j]))) return MONTH_SHAPE;
  return escapeRegExp(part);
};
