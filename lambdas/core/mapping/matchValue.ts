import { nearestOf } from '../config/index.js';
import { foldText } from '../validating/index.js';

/** One of JOOR's values a file's value may be matched to: its code, and the label JOOR shows for it when known. */
export interface ValueOption {
  code: string;
  label?: string;
}

/** How a value was matched: `closeness` is a guess for a person to confirm, the others are sure. */
export interface ValueMatch {
  code: string;
  by: 'code' | 'label' | 'closeness';
}

/** A value as compared: folded (case, accents, punctuation) and without spaces, so `Net 30` is `NET-30` is `net30`. */
const compact = (value: string): string => foldText(value).replaceAll(' ', '');

/** The numbers a value holds, as one key: `30 days` and `NET30` share `30`. */
const numbersOf = (value: string): string => (value.match(/\d+/g) ?? []).join(' ');

/** The one option whose code or label `matches`, or `undefined` when none or several do. */
const onlyOption = (
  options: readonly ValueOption[],
  matches: (text: string) => boolean,
): ValueOption | undefined => {
  const found = options.filter(
    (option) => matches(option.code) || (option.label !== undefined && matches(option.label)),
  );
  return found.length === 1 ? found[0] : undefined;
};

/**
 * Matches a value of the file (an ERP's payment terms, price list, rep, …) to one of JOOR's values: by code (exactly,
 * then folded), by label (folded), then by closeness (a small edit distance to a code or label, or the same numbers
 * as exactly one option: `30 days` → `NET30`); `undefined` when nothing matches or the match is not unique. Pure:
 * `init` proposes a tenant's `valueMaps` with it.
 *
 * @example
 * matchValue('net 30', [{ code: 'NET30' }]) // { code: 'NET30', by: 'code' }
 * matchValue('Wholesale', [{ code: 'WHS', label: 'Wholesale' }]) // { code: 'WHS', by: 'label' }
 * matchValue('60 days', [{ code: 'NET30' }, { code: 'NET60' }]) // { code: 'NET60', by: 'closeness' }
 */
export const matchValue = (value: string, options: readonly ValueOption[]): ValueMatch | undefined => {
  const exact = options.find((option) => option.code === value);
  if (exact) return { code: exact.code, by: 'code' };
  const key = compact(value);
  if (key.length === 0) return undefined;
  const byCode = options.filter((option) => compact(option.code) === key);
  if (byCode.length === 1) return { code: byCode[0]!.code, by: 'code' };
  const byLabel = options.filter((option) => option.label !== undefined && compact(option.label) === key);
  if (byLabel.length === 1) return { code: byLabel[0]!.code, by: 'label' };
  const texts = options.flatMap((option) => [
    option.code,
    ...(option.label === undefined ? [] : [option.label]),
  ]);
  const nearest = nearestOf(key, texts.map(compact));
  if (nearest !== undefined) {
    const option = onlyOption(options, (text) => compact(text) === nearest);
    if (option) return { code: option.code, by: 'closeness' };
  }
  const numbers = numbersOf(value);
  if (numbers.length > 0) {
    const option = onlyOption(options, (text) => numbersOf(text) === numbers);
    if (option) return { code: option.code, by: 'closeness' };
  }
  return undefined;
};

/**
 * A proposed value table for one field: each distinct value matched to JOOR's (`matchValue`), values equal to their
 * code left out (they need no entry), and the values nothing matched listed for a person to fill.
 *
 * @example
 * proposeValueMap(['30 days', 'NET60', 'COD'], [{ code: 'NET30' }, { code: 'NET60' }])
 * // { table: { '30 days': 'NET30' }, matches: { '30 days': 'closeness' }, unmatched: ['COD'] }
 */
export const proposeValueMap = (
  values: Iterable<string>,
  options: readonly ValueOption[],
): { table: Record<string, string>; matches: Record<string, ValueMatch['by']>; unmatched: string[] } => {
  const table: Record<string, string> = {};
  const matches: Record<string, ValueMatch['by']> = {};
  const unmatched: string[] = [];
  for (const value of new Set(values)) {
    const match = matchValue(value, options);
    if (!match) unmatched.push(value);
    else if (match.code !== value) {
      table[value] = match.code;
      matches[value] = match.by;
    }
  }
  return { table, matches, unmatched };
};
