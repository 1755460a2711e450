/** Customer codes sorted into what changed since the last synced state (SPEC §2.4). */
export interface CustomerDiff {
  new: string[];
  changed: string[];
  unchanged: string[];
  /**
   * In the last synced state and absent from this file: reported, never deleted (SPEC §7). A customer the file holds
   * but that was rejected is not missing: it is counted as rejected.
   */
  missing: string[];
}

/**
 * Compares this file's content hashes with the snapshot of the last synced ones.
 *
 * @example
 * diffCustomers(new Map([['C1', 'h1'], ['C2', 'h2']]), new Map([['C1', 'h1'], ['C3', 'h3']]));
 * // { new: ['C2'], changed: [], unchanged: ['C1'], missing: ['C3'] }
 */
export const diffCustomers = (
  current: ReadonlyMap<string, string>,
  snapshot: ReadonlyMap<string, string>,
  /** Codes the file holds whose customers were rejected: present, so not missing. */
  rejected: ReadonlySet<string> = new Set(),
): CustomerDiff => {
  const diff: CustomerDiff = { new: [], changed: [], unchanged: [], missing: [] };
  for (const [code, hash] of current) {
    const synced = snapshot.get(code);
    if (synced === undefined) diff.new.push(code);
    else if (synced === hash) diff.unchanged.push(code);
    else diff.changed.push(code);
  }
  for (const code of snapshot.keys()) if (!current.has(code) && !rejected.has(code)) diff.missing.push(code);
  return diff;
};
