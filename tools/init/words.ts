/**
 * The words of a header or a value, compared forgivingly: accents, case and punctuation dropped, `CustomerCode`
 * and `NAME1` split where letters meet capitals or digits, `Straße` read as `strasse`.
 *
 * @example
 * words('Código de Cliente') // ['codigo', 'de', 'cliente']
 * words('KUNNR') // ['kunnr']
 * words('billingAddress1') // ['billing', 'address', '1']
 */
export const words = (text: string): string[] =>
  text
    .replace(/([a-z])([A-Z])/g, '$1 $2')
    // An acronym before a word: "POAddressLine1" is PO Address Line 1, "EMailAddress" E Mail Address.
    .replace(/([A-Z]+)([A-Z][a-z])/g, '$1 $2')
    .replace(/([A-Za-z])(\d)/g, '$1 $2')
    .normalize('NFD')
    .replace(/\p{Diacritic}/gu, '')
    .toLowerCase()
    .replace(/ß/g, 'ss')
    .replace(/œ/g, 'oe')
    .replace(/æ/g, 'ae')
    // Letters NFD does not take apart: Polish ł, Danish and Norwegian ø, and the ordinal of Portuguese "Nº".
    .replace(/ł/g, 'l')
    .replace(/ø/g, 'o')
    .replace(/º/g, 'o')
    .split(/[^\p{L}\p{N}]+/u)
    .filter((word) => word.length > 0);

/** One key for a phrase: its words joined by spaces. */
export const phraseKey = (text: string): string => words(text).join(' ');
