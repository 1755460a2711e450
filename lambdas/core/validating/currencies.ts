import { COUNTRY_NAME_LOCALES } from './countryNames.js';
import { foldText } from './foldText.js';

/** The ISO 4217 codes the runtime knows (CLDR's current currencies). */
export const CURRENCY_CODES: ReadonlySet<string> = new Set(Intl.supportedValuesOf('currency'));

/** A code, or the code given the row's country (`undefined`: the symbol does not say which there). */
type Reading = string | ((country: string | undefined) => string | undefined);

const byCountry =
  (codes: Readonly<Record<string, string>>): Reading =>
  (country) =>
    country === undefined ? undefined : codes[country];

const DOLLAR = byCountry({
  US: 'USD',
  PR: 'USD',
  GU: 'USD',
  VI: 'USD',
  AS: 'USD',
  MP: 'USD',
  EC: 'USD',
  SV: 'USD',
  PA: 'USD',
  CA: 'CAD',
  AU: 'AUD',
  NZ: 'NZD',
  HK: 'HKD',
  SG: 'SGD',
  TW: 'TWD',
  MX: 'MXN',
});
const YEN_OR_YUAN = byCountry({ JP: 'JPY', CN: 'CNY' });
const KRONE = byCountry({ SE: 'SEK', NO: 'NOK', DK: 'DKK', FO: 'DKK', GL: 'DKK', IS: 'ISK' });
const SWISS_FRANC = byCountry({ CH: 'CHF', LI: 'CHF' });
/** Countries with a pound of their own, where `£` does not say sterling. */
const OWN_POUND: ReadonlySet<string> = new Set(['EG', 'LB', 'SY', 'SS', 'SD', 'GI', 'FK', 'SH']);
const POUND: Reading = (country) => (country !== undefined && OWN_POUND.has(country) ? undefined : 'GBP');

/**
 * Symbols and words for a currency, folded as `foldSymbol` folds: a code where they mean one currency anywhere, or
 * the currency per country where it depends on it (`$` is US dollars in the US and Canadian dollars in Canada); a
 * country not listed, or no country, gets none, and the value is rejected rather than guessed (a `valueMaps.currency` entry settles
 * it for the tenant).
 */
const SYMBOLS: Readonly<Record<string, Reading>> = {
  '€': 'EUR',
  euro: 'EUR',
  euros: 'EUR',
  eur: 'EUR',
  '£': POUND,
  pound: POUND,
  pounds: POUND,
  pfund: POUND,
  livre: POUND,
  libra: POUND,
  sterling: 'GBP',
  'gbp£': 'GBP',
  'pound sterling': 'GBP',
  'pfund sterling': 'GBP',
  'livre sterling': 'GBP',
  'libra esterlina': 'GBP',
  $: DOLLAR,
  dollar: DOLLAR,
  dollars: DOLLAR,
  dolar: DOLLAR,
  dolares: DOLLAR,
  dollaro: DOLLAR,
  dollari: DOLLAR,
  us$: 'USD',
  usd$: 'USD',
  u$s: 'USD',
  c$: 'CAD',
  ca$: 'CAD',
  can$: 'CAD',
  a$: 'AUD',
  au$: 'AUD',
  aud$: 'AUD',
  nz$: 'NZD',
  hk$: 'HKD',
  s$: 'SGD',
  mx$: 'MXN',
  nt$: 'TWD',
  r$: 'BRL',
  '¥': YEN_OR_YUAN,
  円: 'JPY',
  yen: 'JPY',
  元: 'CNY',
  人民币: 'CNY',
  yuan: 'CNY',
  renminbi: 'CNY',
  rmb: 'CNY',
  fr: SWISS_FRANC,
  sfr: 'CHF',
  franken: 'CHF',
  franc: SWISS_FRANC,
  francs: SWISS_FRANC,
  franco: SWISS_FRANC,
  kr: KRONE,
  krone: KRONE,
  kroner: KRONE,
  krona: KRONE,
  kronor: KRONE,
  kronur: KRONE,
  zł: 'PLN',
  zl: 'PLN',
  zloty: 'PLN',
  kč: 'CZK',
  kc: 'CZK',
  ft: 'HUF',
  lei: 'RON',
  лв: 'BGN',
  '₺': 'TRY',
  '₽': 'RUB',
  '₴': 'UAH',
  '₪': 'ILS',
  '₩': 'KRW',
  원: 'KRW',
  '₹': 'INR',
  '฿': 'THB',
  '₫': 'VND',
  '₱': 'PHP',
};

/** A symbol or word as a key: compatibility forms unfolded (`￥` → `¥`), accents, spaces and a final dot dropped. */
const foldSymbol = (value: string): string =>
  value
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/gu, '')
    .toLowerCase()
    .replace(/\s+/gu, ' ')
    .trim()
    .replace(/\.$/u, '');

let names: Map<string, string> | undefined;
let localesRead = 0;
const nameLocales = Intl.DisplayNames.supportedLocalesOf([...COUNTRY_NAME_LOCALES]);

/** CLDR's currency names, read one locale at a time as countries are (see `createCountryNames`), earlier wins. */
const currencyByName = (value: string): string | undefined => {
  names ??= new Map();
  const key = foldText(value);
  let code = names.get(key);
  while (code === undefined && localesRead < nameLocales.length) {
    const display = new Intl.DisplayNames([nameLocales[localesRead]!], {
      type: 'currency',
      fallback: 'none',
    });
    localesRead += 1;
    for (const iso of CURRENCY_CODES) {
      const name = display.of(iso);
      if (name !== undefined && !names.has(foldText(name))) names.set(foldText(name), iso);
    }
    code = names.get(key);
  }
  return code;
};

/**
 * ISO 4217 code for a currency given as code (any case), symbol or word (`€`, `£`, `CHF`, `Fr.`; `$`, `¥`, `kr`
 * where the row's country tells which), or name in any of the languages of `COUNTRY_NAME_LOCALES` (`Euro`,
 * `Schweizer Franken`, `dólar estadounidense`); `undefined` when it is none of these or depends on a country not
 * given.
 *
 * @example
 * toCurrencyCode('€', 'DE') // 'EUR'
 * toCurrencyCode('$', 'CA') // 'CAD'
 * toCurrencyCode('¥', 'FR') // undefined: yen or yuan
 */
export const toCurrencyCode = (value: string, country: string | undefined): string | undefined => {
  const upper = value.toUpperCase();
  if (CURRENCY_CODES.has(upper)) return upper;
  const reading = SYMBOLS[foldSymbol(value)];
  if (typeof reading === 'string') return reading;
  if (reading !== undefined) return reading(country);
  return currencyByName(value);
};
