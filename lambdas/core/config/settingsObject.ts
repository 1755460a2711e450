import * as v from 'valibot';
import { nearestOf } from './nearestOf.js';

/** What a key the schema does not know is told: not a setting, and the known key it was likely meant to be. */
export const unknownKeyMessage = (key: string, known: readonly string[], what = 'a setting'): string => {
  const nearest = nearestOf(key, known);
  return nearest === undefined
    ? `not ${what} (known: ${known.join(', ')})`
    : `not ${what}; did you mean ${nearest}?`;
};

/**
 * An object of settings that refuses keys it does not know, naming the key and the nearest known one: a misspelt
 * setting (`massDropTreshold`) would otherwise be dropped without a word, and the tenant would run on the default
 * it meant to change.
 *
 * @example
 * settingsObject({ bulkSize: v.number() }) // { bulkSise: 1 } → "bulkSise: not a setting; did you mean bulkSize?"
 */
export const settingsObject = <const TEntries extends v.ObjectEntries>(entries: TEntries) =>
  v.strictObject(entries, (issue) =>
    issue.expected === 'never' && typeof issue.input === 'string'
      ? unknownKeyMessage(issue.input, Object.keys(entries))
      : 'must be an object of settings',
  );
