import { type CheckLine, checkLine } from './CheckLine.js';

/** Entries shown in a table cell before "and N more". */
const SHOWN = 8;

const show = (items: string[]): string =>
  items.length === 0
    ? 'none'
    : items.length <= SHOWN
      ? items.join(', ')
      : `${items.slice(0, SHOWN).join(', ')} and ${items.length - SHOWN} more`;

/**
 * A reference list of the tenant config against JOOR's: what the config lists that JOOR lacks (rows JOOR would
 * refuse) and what JOOR has that the config lacks (rows the pipeline would reject wrongly). A list the config leaves
 * out is not checked by the pipeline: nothing can differ.
 */
export const compareReferenceList = (
  name: string,
  configured: readonly string[] | undefined,
  joor: readonly string[],
): CheckLine => {
  const check = `reference data: ${name}`;
  if (configured === undefined)
    return checkLine(check, 'not listed in the config (not checked)', show([...joor]), 'ok');
  const inJoor = new Set(joor);
  const inConfig = new Set(configured);
  const configOnly = configured.filter((item) => !inJoor.has(item));
  const joorOnly = joor.filter((item) => !inConfig.has(item));
  if (configOnly.length === 0 && joorOnly.length === 0)
    return checkLine(check, show([...configured]), show([...joor]), 'ok');
  const answered = [
    configOnly.length > 0 ? `JOOR lacks ${show(configOnly)}` : '',
    joorOnly.length > 0 ? `the config lacks ${show(joorOnly)}` : '',
  ]
    .filter(Boolean)
    .join('; ');
  return checkLine(check, show([...configured]), answered, 'differs');
};
