import { isDeepStrictEqual } from 'node:util';

/** A tenant config as JSON: what a file holds, or what `init` proposes. */
type ConfigObject = Record<string, unknown>;

/**
 * The keys `init` decides from the export: each takes the proposal's value, or goes (its default then applies) when
 * the proposal leaves it out. A kept `delimiter: ";"` beside a proposal for a pipe-delimited file would be wrong.
 */
const DECIDED_FROM_THE_FILE = ['tenantId', 'delimiter', 'header', 'encoding', 'fileNamePattern', 'template'];

/** Keys `init` writes only when it asked the JOOR account: the proposal's value when it has one, else the file's. */
const DECIDED_FROM_JOOR = ['referenceData', 'valueMaps'];

/** What merging a proposal into an existing config changed, key by key (`joor.accountId` for a nested one). */
export interface ConfigMerge {
  config: ConfigObject;
  /** Keys the proposal set to a new value, with the value before. */
  changed: { key: string; before: unknown; after: unknown }[];
  /** Keys the file did not have. */
  added: string[];
  /** Keys the proposal leaves to their default, that the file gave. */
  removed: { key: string; before: unknown }[];
  /** The file's keys kept as they were (`joor`, `report`, `sftp`, thresholds…). */
  kept: string[];
}

const isObject = (value: unknown): value is ConfigObject =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

/**
 * `init --out` onto an existing config: the proposal's values for what `init` reads from the export (and from the
 * JOOR account when it was asked), merged into the file's own config; every other key the file holds (`joor`,
 * `report`, `sftp`, `massDropThreshold`, a person's `defaults`…) is kept as it was, in the file's order, new keys
 * after. The `joor` block is merged key by key: `init` writes only its `accountId`. Pure: the same inputs give the
 * same merge, so running `init` twice over its own output changes nothing the second time.
 *
 * @example
 * mergeConfig({ tenantId: 'maison', delimiter: ',', report: { sender: 's@x.fr' } }, { tenantId: 'maison', delimiter: ';' })
 * // config { tenantId: 'maison', delimiter: ';', report: {…} }; changed [{ key: 'delimiter', before: ',', after: ';' }]
 */
export const mergeConfig = (existing: ConfigObject, proposed: ConfigObject): ConfigMerge => {
  const merge: ConfigMerge = { config: {}, changed: [], added: [], removed: [], kept: [] };
  const take = (key: string, value: unknown) => {
    if (!(key in existing)) merge.added.push(key);
    else if (!isDeepStrictEqual(existing[key], value))
      merge.changed.push({ key, before: existing[key], after: value });
    merge.config[key] = value;
  };
  const keys = [...new Set([...Object.keys(existing), ...Object.keys(proposed)])];
  for (const key of keys) {
    const mine = existing[key];
    const theirs = proposed[key];
    if (DECIDED_FROM_THE_FILE.includes(key)) {
      if (theirs !== undefined) take(key, theirs);
      else merge.removed.push({ key, before: mine });
    } else if (DECIDED_FROM_JOOR.includes(key) && theirs !== undefined) take(key, theirs);
    else if (key === 'joor' && isObject(theirs)) {
      const block = isObject(mine) ? { ...mine } : {};
      for (const [name, value] of Object.entries(theirs)) {
        if (!(name in block)) merge.added.push(`joor.${name}`);
        else if (!isDeepStrictEqual(block[name], value))
          merge.changed.push({ key: `joor.${name}`, before: block[name], after: value });
        block[name] = value;
      }
      merge.config.joor = block;
      if (isObject(mine))
        merge.kept.push(
          ...Object.keys(mine)
            .filter((name) => !(name in theirs))
            .map((n) => `joor.${n}`),
        );
    } else if (key in existing) {
      merge.config[key] = mine;
      merge.kept.push(key);
    } else take(key, theirs);
  }
  return merge;
};
