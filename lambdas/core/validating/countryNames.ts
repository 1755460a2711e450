import { foldText } from './foldText.js';

/**
 * The languages whose country names are accepted, in the order they are read: English, the EU's other 23 official
 * languages (most of JOOR's brands are European, the largest first), then the other languages of JOOR's markets and
 * a few regional forms. CLDR's names come from the runtime's ICU (`Intl.DisplayNames`), so they cost no bundle
 * bytes: Node 20 and 22 carry every locale.
 */
export const COUNTRY_NAME_LOCALES: readonly string[] = [
  'en',
  'fr',
  'de',
  'it',
  'es',
  'nl',
  'pt',
  'da',
  'sv',
  'fi',
  'pl',
  'cs',
  'sk',
  'sl',
  'hr',
  'hu',
  'ro',
  'bg',
  'el',
  'et',
  'lv',
  'lt',
  'mt',
  'ga',
  'ja',
  'zh',
  'zh-Hant',
  'ko',
  'ar',
  'he',
  'tr',
  'ru',
  'uk',
  'nb',
  'nn',
  'is',
  'ca',
  'eu',
  'gl',
  'lb',
  'cy',
  'sq',
  'sr',
  'mk',
  'bs',
  'hi',
  'th',
  'vi',
  'id',
  'ms',
  'fil',
  'af',
  'fa',
  'de-CH',
  'fr-CA',
  'es-419',
  'pt-PT',
  'en-GB',
];

/**
 * Spellings ERPs and people use that CLDR does not list as a name (abbreviations, parts and old names of a country),
 * folded as `foldText` folds. They win over CLDR's names: each is unambiguous here.
 */
export const COUNTRY_VARIANTS: Readonly<Record<string, string>> = {
  usa: 'US',
  us: 'US',
  'u s': 'US',
  'united states of america': 'US',
  america: 'US',
  eeuu: 'US',
  'ee uu': 'US',
  uk: 'GB',
  'great britain': 'GB',
  britain: 'GB',
  england: 'GB',
  scotland: 'GB',
  wales: 'GB',
  'northern ireland': 'GB',
  grossbritannien: 'GB',
  'gran bretana': 'GB',
  'grande bretagne': 'GB',
  'gran bretagna': 'GB',
  inghilterra: 'GB',
  inglaterra: 'GB',
  angleterre: 'GB',
  'united kingdom of great britain and northern ireland': 'GB',
  holland: 'NL',
  holanda: 'NL',
  hollande: 'NL',
  olanda: 'NL',
  'the netherlands': 'NL',
  'south korea': 'KR',
  korea: 'KR',
  'republic of korea': 'KR',
  'north korea': 'KP',
  'czech republic': 'CZ',
  'tschechische republik': 'CZ',
  'republique tcheque': 'CZ',
  'republica checa': 'CZ',
  russia: 'RU',
  'russian federation': 'RU',
  turkey: 'TR',
  turkei: 'TR',
  turquie: 'TR',
  turquia: 'TR',
  'ivory coast': 'CI',
  macedonia: 'MK',
  swaziland: 'SZ',
  burma: 'MM',
  vatican: 'VA',
  'holy see': 'VA',
  'hong kong': 'HK',
  hongkong: 'HK',
  macau: 'MO',
  macao: 'MO',
  taiwan: 'TW',
  'republic of china': 'TW',
  uae: 'AE',
  emirates: 'AE',
  'u a e': 'AE',
  ksa: 'SA',
  prc: 'CN',
  'mainland china': 'CN',
  brd: 'DE',
  'bundesrepublik deutschland': 'DE',
  'the bahamas': 'BS',
  'the gambia': 'GM',
};

/** Names of three ASCII letters or fewer would shadow codes ("RU" is Spanish short for the UK): codes are read first. */
const LIKE_A_CODE = /^[a-z]{1,3}$/;

/**
 * A folded name → alpha-2 lookup that reads the languages of `COUNTRY_NAME_LOCALES` one at a time, in order, and
 * only as far as a name needs: a German name costs English, French and German (17 ms of CPU in all), an unknown
 * value every locale once per process (115 ms of CPU). The variants and the English names
 * given (i18n-iso-countries' names and aliases) are read first. A name two languages give to two countries is read
 * as the earlier language's (the only one in CLDR today: "Kongo", Polish for Congo-Brazzaville, Norwegian for the
 * DRC); the answer never depends on the order of lookups.
 */
export const createCountryNames = (
  codes: readonly string[],
  englishNames: Readonly<Record<string, readonly string[]>>,
): ((name: string) => string | undefined) => {
  const names = new Map<string, string>();
  const add = (name: string | undefined, code: string) => {
    if (name === undefined) return;
    const key = foldText(name);
    if (!LIKE_A_CODE.test(key) && !names.has(key)) names.set(key, code);
  };
  for (const [key, code] of Object.entries(COUNTRY_VARIANTS)) names.set(key, code);
  for (const [code, list] of Object.entries(englishNames)) for (const name of list) add(name, code);
  const locales = Intl.DisplayNames.supportedLocalesOf([...COUNTRY_NAME_LOCALES]);
  let read = 0;
  const readNextLocale = () => {
    const locale = locales[read]!;
    read += 1;
    for (const style of locale === 'en' ? (['long', 'short'] as const) : (['long'] as const)) {
      const display = new Intl.DisplayNames([locale], { type: 'region', style, fallback: 'none' });
      for (const code of codes) add(display.of(code), code);
    }
  };
  return (name) => {
    const key = foldText(name);
    let code = names.get(key);
    while (code === undefined && read < locales.length) {
      readNextLocale();
      code = names.get(key);
    }
    return code;
  };
};
