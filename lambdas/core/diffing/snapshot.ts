import * as v from 'valibot';

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

const SnapshotSchema: v.GenericSchema<unknown, SyncedSnapshot> = v.object({
  version: v.literal(1),
  hashes: v.record(v.string(), v.string()),
});

/** Reads a stored snapshot, refusing anything that is not one. */
export const parseSnapshot = (text: string): SyncedSnapshot => {
  const result = v.safeParse(SnapshotSchema, JSON.parse(text));
  if (!result.success) {
    const issue = result.issues[0];
    throw new Error(
      `Not a synced-state snapshot (expected {"version":1,"hashes":{…}}): ${v.getDotPath(issue) ?? '(root)'}: ${issue.message}`,
    );
  }
  return result.output;
};
