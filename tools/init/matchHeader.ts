import { CANONICAL_FIELDS, type CanonicalField, WIDE_ADDRESS_FIELDS } from '../../lambdas/core/index.js';
import {
  ADDRESS_WORDS,
  FIELD_VOCABULARY,
  FILLER_WORDS,
  GROUP_FIELD_WORDS,
  GROUP_WORDS,
  type NameSource,
} from './headerVocabulary.js';
import { words } from './words.js';

export type Group = 'billing' | 'shipping';

/** What a header's name says it holds, how sure the name alone is (0–1), and why. */
export interface NameMatch {
  field: CanonicalField;
  /** The address group a wide export's column belongs to. */
  group?: Group;
  score: number;
  /** "German", "SAP", …: whose vocabulary the name is from (the first, when several share the spelling). */
  source: NameSource;
  /** Every vocabulary that has this spelling: "Adresse" is German and French. */
  sources: NameSource[];
  /** The vocabulary's spelling that matched. */
  known: string;
}

/** The name is a known one letter for letter (after `words`). */
const EXACT = 1;
/** The same words in another order ("Name Customer"). */
const REORDERED = 0.9;
/** A group's column ("Billing City") is a little less sure than a plain name. */
const IN_GROUP = 0.95;
/** A known name inside a longer header ("Customer Code (ERP)") scores its share of the header's words. */
const CONTAINED = 0.8;
const CONTAINED_FLOOR = 0.4;
/**
 * A name of one generic word ("ID", "No.", "Code") is a little less sure than a specific one: beside "External ID"
 * or "Customer No", the specific name is the customer's code.
 */
const GENERIC = 0.9;
const GENERIC_WORDS: ReadonlySet<string> = new Set([
  'id',
  'no',
  'nr',
  'code',
  'codigo',
  'codice',
  'numero',
  'kod',
  'symbol',
]);

interface Spelling {
  field: CanonicalField;
  source: NameSource;
  known: string;
  words: string[];
  phrase: string;
  bag: string;
}

const SPELLINGS: Spelling[] = CANONICAL_FIELDS.flatMap((field) =>
  Object.entries(FIELD_VOCABULARY[field]).flatMap(([source, names]) =>
    (names ?? []).map((known) => {
      const w = words(known);
      return {
        field,
        source: source as NameSource,
        known,
        words: w,
        phrase: w.join(' '),
        bag: [...w].sort().join(' '),
      };
    }),
  ),
);

/** The address fields a billing or shipping group's column can hold (the wide layout's, from core's table). */
const ADDRESS_FIELDS_IN_GROUPS: ReadonlySet<CanonicalField> = new Set(WIDE_ADDRESS_FIELDS);

/** The best spelling of each field that these words match, with its score. */
const matchWords = (
  tokens: string[],
  fields: (field: CanonicalField) => boolean,
  scale: number,
): Omit<NameMatch, 'group'>[] => {
  if (tokens.length === 0) return [];
  const phrase = tokens.join(' ');
  const bag = [...tokens].sort().join(' ');
  const best = new Map<CanonicalField, Omit<NameMatch, 'group'>>();
  for (const spelling of SPELLINGS) {
    if (!fields(spelling.field)) continue;
    let score = 0;
    if (spelling.phrase === phrase) score = EXACT;
    else if (spelling.bag === bag) score = REORDERED;
    else if (spelling.words.length > 0 && spelling.words.every((w) => tokens.includes(w))) {
      const share = (CONTAINED * spelling.words.length) / tokens.length;
      score = share >= CONTAINED_FLOOR ? share : 0;
    }
    score *= scale;
    if (spelling.words.length === 1 && GENERIC_WORDS.has(spelling.phrase)) score *= GENERIC;
    const known = best.get(spelling.field);
    if (score > 0 && known && score === known.score && words(known.known).join(' ') === spelling.phrase)
      known.sources.push(spelling.source);
    else if (score > 0 && (!known || score > known.score))
      best.set(spelling.field, {
        field: spelling.field,
        score,
        source: spelling.source,
        sources: [spelling.source],
        known: spelling.known,
      });
  }
  return [...best.values()];
};

/** The header's words with a group's words taken out, when it has them: ['city'] and 'billing' for "Billing City". */
const splitGroup = (tokens: string[]): { group: Group; rest: string[] } | undefined => {
  // The group word nearest the start wins, the longer phrase first: "SA Postal Code" is the street (shipping)
  // address's postal code, though "postal" alone names Cin7's billing group.
  let found: { group: Group; at: number; length: number } | undefined;
  for (const group of ['billing', 'shipping'] as const) {
    for (const phrase of GROUP_WORDS[group].phrases) {
      const p = phrase.split(' ');
      for (let at = 0; at + p.length <= tokens.length; at += 1) {
        const better = !found || at < found.at || (at === found.at && p.length > found.length);
        if (better && p.every((w, k) => tokens[at + k] === w)) found = { group, at, length: p.length };
      }
    }
  }
  if (found) {
    const rest = [...tokens.slice(0, found.at), ...tokens.slice(found.at + found.length)];
    return { group: found.group, rest: rest.filter((w) => !FILLER_WORDS.has(w)) };
  }
  // German compounds: "Lieferort", "Rechnungsadresse".
  for (const group of ['billing', 'shipping'] as const) {
    for (const prefix of GROUP_WORDS[group].prefixes) {
      const at = tokens.findIndex((w) => w.startsWith(prefix) && w.length > prefix.length);
      if (at >= 0) {
        const rest = [...tokens];
        rest[at] = tokens[at]!.slice(prefix.length);
        return { group, rest: rest.filter((w) => !FILLER_WORDS.has(w)) };
      }
    }
  }
  return undefined;
};

/** The address group a header's words name, if any ("Billing Code" → billing). */
export const groupOf = (header: string): Group | undefined => splitGroup(words(header))?.group;

/**
 * What a header's name may hold: every canonical field it matches, best first, plain or as a billing or shipping
 * group's column. Empty when the name is not one any vocabulary knows.
 *
 * @example
 * matchHeader('Kundennummer')[0] // { field: 'customer_code', score: 1, source: 'German', … }
 * matchHeader('Ville de livraison')[0] // { field: 'city', group: 'shipping', score: 0.95, source: 'French', … }
 */
export const matchHeader = (header: string): NameMatch[] => {
  const tokens = words(header);
  const matches: NameMatch[] = matchWords(tokens, () => true, 1);
  const grouped = splitGroup(tokens);
  if (grouped) {
    const inGroup = (field: CanonicalField) => ADDRESS_FIELDS_IN_GROUPS.has(field);
    // "Rechnungsadresse PLZ" is the billing group's postal code: "address" is also tried without.
    const withoutAddress = grouped.rest.filter((w) => !ADDRESS_WORDS.has(w));
    const best = new Map<CanonicalField, Omit<NameMatch, 'group'>>();
    for (const found of [
      ...matchWords(grouped.rest, inGroup, IN_GROUP),
      ...matchWords(withoutAddress, inGroup, IN_GROUP),
    ]) {
      if ((best.get(found.field)?.score ?? 0) < found.score) best.set(found.field, found);
    }
    const rest = grouped.rest.join(' ');
    for (const [field, spellings] of Object.entries(GROUP_FIELD_WORDS) as [
      CanonicalField,
      readonly string[],
    ][]) {
      const known = spellings.find((spelling) => spelling === rest);
      if (known && (best.get(field)?.score ?? 0) < IN_GROUP)
        best.set(field, { field, score: IN_GROUP, source: 'English', sources: ['English'], known });
    }
    const found = [...best.values()];
    matches.push(...found.map((m) => ({ ...m, group: grouped.group })));
  }
  return matches.sort((a, b) => b.score - a.score);
};
