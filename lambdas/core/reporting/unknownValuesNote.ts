import { boundEcho } from '../echo.js';
import { plural } from '../formatCount.js';
import type { UnknownValue } from '../validating/index.js';

/** Values a note names: enough to start a table from, short enough for the email (the CLI's --json lists all). */
export const NOTE_VALUE_LIMIT = 20;

/**
 * One sentence naming the code values no value table and no reference list knows, by field, with the rows carrying
 * each: what a person adds to the tenant's `valueMaps` (or sets up in JOOR). `undefined` when there are none.
 *
 * @example
 * unknownValuesNote([{ field: 'payment_terms_code', value: '90 days', rows: 3 }])
 * // 'Values no value table or reference list knows (…): payment_terms_code "90 days" (3 rows).'
 */
export const unknownValuesNote = (values: readonly UnknownValue[] | undefined): string | undefined => {
  if (!values || values.length === 0) return undefined;
  const shown = values.slice(0, NOTE_VALUE_LIMIT);
  const byField = new Map<string, string[]>();
  for (const { field, value, rows } of shown) {
    const list = byField.get(field) ?? [];
    list.push(`"${boundEcho(value)}" (${plural(rows, 'row')})`);
    byField.set(field, list);
  }
  const parts = [...byField].map(([field, list]) => `${field} ${list.join(', ')}`);
  const more = values.length - shown.length;
  return `Values no value table or reference list knows (translate them in the tenant's valueMaps, or set them up in JOOR): ${parts.join('; ')}${more > 0 ? `; and ${plural(more, 'other value')}` : ''}.`;
};
