/** Letters that carry no combining mark to strip, spelt as they are written without their special letter. */
const SPECIAL_LETTERS: Readonly<Record<string, string>> = {
  ß: 'ss',
  ø: 'o',
  æ: 'ae',
  œ: 'oe',
  ł: 'l',
  đ: 'd',
  ð: 'd',
  þ: 'th',
  ı: 'i',
};
const SPECIAL = new RegExp(`[${Object.keys(SPECIAL_LETTERS).join('')}]`, 'gu');

/**
 * A name as a lookup key: compatibility forms unfolded (full-width letters), Latin, Greek and Cyrillic accents
 * dropped (only U+0300–U+036F: stripping every mark would merge distinct kana), lower case, dots and apostrophes
 * dropped (`U.S.A.` → `usa`, `Côte d’Ivoire` → `cote divoire`), any other run of punctuation or space one space.
 *
 * @example
 * foldText('  Österreich ') // 'osterreich'
 * foldText('Großbritannien') // 'grossbritannien'
 * foldText('Nouvelle-Galles du Sud') // 'nouvelle galles du sud'
 */
export const foldText = (text: string): string =>
  text
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/gu, '')
    .toLowerCase()
    .replace(SPECIAL, (letter) => SPECIAL_LETTERS[letter]!)
    .replace(/[.'’‘`´]/gu, '')
    .replace(/[^\p{L}\p{N}\p{M}]+/gu, ' ')
    .trim();
