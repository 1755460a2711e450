import { toCountryCode } from '../../lambdas/core/validating/index.js';
import type { Placement } from './placeColumns.js';

/** A default `init` proposes for a required field that is blank on some rows or has no column: a person decides. */
export interface DefaultProposal {
  field: 'currency' | 'price_label' | 'country';
  /** The value proposed, when the file or the JOOR account points to one. */
  value?: string;
  /** Data rows the default would fill. */
  rows: number;
  message: string;
}

/** Required fields a constant can stand for: one currency, one price list, one country for a whole brand's file. */
const DEFAULTABLE = ['currency', 'price_label', 'country'] as const;

/**
 * The currency of the countries brands' own companies sit in most often: NAV and Business Central leave the currency
 * blank for the company's own, which is most likely the one of the country most of those customers are in.
 */
const CURRENCY_OF_COUNTRY: Readonly<Record<string, string>> = {
  ...Object.fromEntries(
    'AT BE HR CY EE FI FR DE GR IE IT LV LT LU MT NL PT SK SI ES MC SM AD'.split(' ').map((c) => [c, 'EUR']),
  ),
  GB: 'GBP',
  US: 'USD',
  CH: 'CHF',
  LI: 'CHF',
  JP: 'JPY',
  CN: 'CNY',
  KR: 'KRW',
  TW: 'TWD',
  HK: 'HKD',
  CA: 'CAD',
  AU: 'AUD',
  NZ: 'NZD',
  SE: 'SEK',
  DK: 'DKK',
  NO: 'NOK',
  PL: 'PLN',
  CZ: 'CZK',
  HU: 'HUF',
  BR: 'BRL',
  MX: 'MXN',
  IN: 'INR',
  SG: 'SGD',
  AE: 'AED',
  TR: 'TRY',
};

export interface DefaultInputs {
  placements: readonly Placement[];
  /** The data records looked at (header left out). */
  data: readonly string[][];
  /** The account's price types, when JOOR was asked and gave them (the config's `referenceData.priceTypes`). */
  priceTypes?: readonly { currency: string; label: string }[];
}

const mostCommon = (values: readonly string[]): string | undefined => {
  const counts = new Map<string, number>();
  for (const value of values) counts.set(value, (counts.get(value) ?? 0) + 1);
  let best: string | undefined;
  for (const [value, count] of counts) if (best === undefined || count > counts.get(best)!) best = value;
  return best;
};

const plural = (count: number, word: string): string => `${count} ${word}${count === 1 ? '' : 's'}`;
const quoted = (values: readonly string[]): string => values.map((v) => `"${v}"`).join(', ');

/**
 * Proposes `defaults` for the required fields a constant can stand for (currency, price list, country) that are blank
 * on some rows or have no column: Dynamics NAV leaves the currency blank for the company's own; many exports have no
 * price list. The value comes from the JOOR account when it was asked (the one currency of its price types the file
 * does not name, its one price type in that currency) or from the file (its most common country, and that country's
 * currency); a person decides, so each proposal is a point left open, never written into the config.
 *
 * @example
 * proposeDefaults({ placements, data }) // [{ field: 'currency', value: 'EUR', rows: 2, message: 'currency is blank on 2 of 3 rows …' }]
 */
export const proposeDefaults = (inputs: DefaultInputs): DefaultProposal[] => {
  const { placements, data, priceTypes } = inputs;
  const cellsOf = (field: string): (string | undefined)[] | undefined => {
    // The billing group's column in a wide file: that is the address every customer has.
    const placement =
      placements.find((p) => p.field === field && (p.group === undefined || p.group === 'billing')) ??
      placements.find((p) => p.field === field);
    return placement ? data.map((record) => record[placement.column]?.trim() || undefined) : undefined;
  };
  const countries = (cellsOf('country') ?? [])
    .map((value) => (value === undefined ? undefined : toCountryCode(value)))
    .filter((code): code is string => code !== undefined);
  const currencyCells = cellsOf('currency');
  const fileCurrencies = new Set((currencyCells ?? []).filter((v): v is string => v !== undefined));
  const accountCurrencies = [...new Set((priceTypes ?? []).flatMap((t) => (t.currency ? [t.currency] : [])))];

  const proposals: DefaultProposal[] = [];
  let currency: string | undefined;
  for (const field of DEFAULTABLE) {
    const cells = cellsOf(field);
    const blank = cells === undefined ? data.length : cells.filter((v) => v === undefined).length;
    if (blank === 0 || data.length === 0) continue;
    const where =
      cells === undefined
        ? `no column holds ${field}`
        : `${field} is blank on ${blank} of ${plural(data.length, 'row')}`;
    let value: string | undefined;
    let why = '';
    if (field === 'currency') {
      const unnamed = accountCurrencies.filter((c) => !fileCurrencies.has(c));
      const ofCountry = CURRENCY_OF_COUNTRY[mostCommon(countries) ?? ''];
      if (unnamed.length === 1) {
        value = unnamed[0];
        why = `the JOOR account's price types are in ${accountCurrencies.join(', ')}, and only ${value} is not in the file`;
      } else if (ofCountry) {
        value = ofCountry;
        why = `most customers are in ${mostCommon(countries)}`;
      }
      currency = value ?? mostCommon([...fileCurrencies]);
      proposals.push({
        field,
        ...(value ? { value } : {}),
        rows: blank,
        message:
          cells === undefined
            ? `${where}: ${value ? `if every customer buys in ${value} (${why}), add "defaults": { "currency": "${value}" } to the config` : 'if every customer buys in one currency, add "defaults": { "currency": "<its ISO code>" } to the config'}.`
            : `${where} (Dynamics NAV and Business Central leave it blank for the company's own currency): ${value ? `if that is ${value} (${why}), add "defaults": { "currency": "${value}" } to the config` : 'add "defaults": { "currency": "<the company\'s own currency>" } to the config'}.`,
      });
    } else if (field === 'price_label') {
      const inCurrency = (priceTypes ?? []).filter((t) => currency === undefined || t.currency === currency);
      const offered = inCurrency.length > 0 ? inCurrency : (priceTypes ?? []);
      value = offered.length === 1 ? offered[0]!.label : undefined;
      const account =
        priceTypes === undefined
          ? "the JOOR price type these customers buy at (run init with --joor to see the account's)"
          : offered.length === 0
            ? 'a JOOR price type (the account has none: ask JOOR to add one)'
            : `one of the account's price types${currency ? ` in ${currency}` : ''}: ${quoted(offered.map((t) => t.label))}`;
      proposals.push({
        field,
        ...(value ? { value } : {}),
        rows: blank,
        message: `${where}: ${value ? `add "defaults": { "price_label": "${value}" } to the config (the account's only price type${currency ? ` in ${currency}` : ''})` : `add "defaults": { "price_label": … } to the config, with ${account}`}.`,
      });
    } else {
      value = mostCommon(countries);
      if (cells !== undefined && value === undefined) continue;
      proposals.push({
        field,
        ...(value ? { value } : {}),
        rows: blank,
        message: `${where}: ${value ? `if those customers are in ${value} as most others are, add "defaults": { "country": "${value}" } to the config` : 'add "defaults": { "country": "<the customers\' country>" } to the config if they are all in one'}.`,
      });
    }
  }
  return proposals;
};
