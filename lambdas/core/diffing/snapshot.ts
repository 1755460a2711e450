/** The last synced state of a tenant: customer code → content hash of what JOOR accepted. */
export interface SyncedSnapshot {
  version: 1;
  hashes: Record<string, string>;
}

export const EMPTY_SNAPSHOT: SyncedSnapshot = { version: 1, hashes: {} };

export const snapshotToMap = (snapshot: SyncedSnapshot): Map<string, string> =>
  new Map(Object.entries(snapshot.hashes));

/**
 * The next snapshot: the previous one moved forward only for customers JOOR accepted, so a customer that failed
 * keeps its old hash (or stays absent) and is sent again with the next file.
 */
export const advanceSnapshot = (
  previous: SyncedSnapshot,
  current: ReadonlyMap<string, string>,
  accepted: Iterable<string>,
): SyncedSnapshot => {
  const hashes = { ...previous.hashes };
  for (const code of accepted) {
    const hash = current.get(code);
    if (hash !== undefined) hashes[code] = hash;
  }
  return { version: 1, hashes };
};

/** Reads a stored snapshot, refusing anything that is not one. */
export const parseSnapshot = (text: string): SyncedSnapshot => {
  const value = JSON.parse(text) as Partial<SyncedSnapshot>;
  if (value?.version !== 1 || typeof value.hashes !== 'object' || value.hashes === null) {
    throw new Error('Not a synced-state snapshot (expected {"version":1,"hashes":{…}})');
  }
  return value as SyncedSnapshot;
};
