import { hash } from 'node:crypto';
import * as v from 'valibot';

/*
 * The field values JOOR last accepted for each customer, kept beside the synced snapshot so that a report (and
 * `plan`) can say what changed field by field, before → after (SPEC §2.7).
 *
 * Stored format, simple to read and to rewrite (an erasure removes a customer's line):
 * - under `state/<tenant>/synced/<environment>/<account>/fields/`, one object per chunk, `<xx>.jsonl`, where `xx`
 *   is the first two hex digits of the SHA-1 of the customer code: 256 chunks, so that a million customers are read
 *   and written about 4,000 at a time and memory stays bounded;
 * - one JSON object a line (LF), sorted by customer code:
 *   `{"customerCode":"C1","hash":"<content hash>","fields":{"customer_name":"Maison Dupont","billing.city":"Paris"}}`;
 * - `hash` is the customer's content hash in `snapshot.json` when JOOR accepted these values: values whose hash is
 *   not the snapshot's are stale and never shown as "before"; `fields` holds the non-empty values, named as
 *   `customerFields` (core/grouping) names them.
 * Only the finalizer writes these chunks, for what JOOR accepted; the splitter writes the values it sent in the
 * same format under the run (`runs/<tenant>/<run>/sent-fields/<xx>.jsonl`).
 */

/** A customer's values as one flat record: canonical field (or `billing.` / `shipping[<code>].` + field) → value. */
export type FieldValues = Record<string, string>;

export interface SyncedFieldsEntry {
  customerCode: string;
  hash: string;
  fields: FieldValues;
}

/** One field of a customer that the file changes; `null` for a value that was (or becomes) empty. */
export interface FieldChange {
  field: string;
  before: string | null;
  after: string | null;
}

export interface ChangedCustomer {
  customerCode: string;
  customerName: string;
  changes: FieldChange[];
  /** Set when no accepted values were kept for this customer (synced before values were kept): fields unknown. */
  beforeUnknown?: true;
}

/** The fields whose values differ, in the order of `after` and then those only `before` had. */
export const fieldChangesOf = (before: FieldValues, after: FieldValues): FieldChange[] => {
  const changes: FieldChange[] = [];
  for (const [field, value] of Object.entries(after))
    if (before[field] !== value) changes.push({ field, before: before[field] ?? null, after: value });
  for (const [field, value] of Object.entries(before))
    if (!(field in after)) changes.push({ field, before: value, after: null });
  return changes;
};

/** Number of hex digits of a customer code's SHA-1 that name its chunk (2: 256 chunks). */
const CHUNK_DIGITS = 2;

/** The chunk a customer's values are kept in: two hex digits, stable for a code. */
export const fieldChunkOf = (customerCode: string): string =>
  hash('sha1', customerCode, 'hex').slice(0, CHUNK_DIGITS);

/** Groups items by the chunk of their customer code, chunks in order. */
export const byFieldChunk = <T>(items: Iterable<T>, codeOf: (item: T) => string): Map<string, T[]> => {
  const chunks = new Map<string, T[]>();
  for (const item of items) {
    const chunk = fieldChunkOf(codeOf(item));
    const list = chunks.get(chunk);
    if (list) list.push(item);
    else chunks.set(chunk, [item]);
  }
  return new Map([...chunks].sort(([a], [b]) => a.localeCompare(b)));
};

const EntrySchema: v.GenericSchema<unknown, SyncedFieldsEntry> = v.object({
  customerCode: v.pipe(v.string(), v.minLength(1)),
  hash: v.string(),
  fields: v.record(v.string(), v.string()),
});

/** Reads a chunk, refusing a line that is not an entry (naming the line). */
export const parseFieldChunk = (text: string, source: string): Map<string, SyncedFieldsEntry> => {
  const entries = new Map<string, SyncedFieldsEntry>();
  text.split('\n').forEach((line, index) => {
    if (line.trim() === '') return;
    const result = v.safeParse(EntrySchema, JSON.parse(line));
    if (!result.success) {
      const issue = result.issues[0];
      throw new Error(
        `${source} line ${index + 1} is not a synced-fields entry: ${v.getDotPath(issue) ?? '(root)'}: ${issue.message}`,
      );
    }
    entries.set(result.output.customerCode, result.output);
  });
  return entries;
};

/** A chunk's text: one entry a line, sorted by customer code, so the same entries always give the same bytes. */
export const renderFieldChunk = (entries: Iterable<SyncedFieldsEntry>): string =>
  [...entries]
    .sort((a, b) => (a.customerCode < b.customerCode ? -1 : a.customerCode > b.customerCode ? 1 : 0))
    .map((entry) => `${JSON.stringify(entry)}\n`)
    .join('');

/**
 * The synced chunk moved forward for the customers JOOR accepted, with the values sent to it; undefined when no
 * accepted customer is in this chunk. Merging the same values again gives the same chunk (safe to repeat).
 */
export const mergeAcceptedFields = (
  synced: ReadonlyMap<string, SyncedFieldsEntry>,
  sent: Iterable<SyncedFieldsEntry>,
  accepted: ReadonlySet<string>,
): Map<string, SyncedFieldsEntry> | undefined => {
  const next = new Map(synced);
  let moved = false;
  for (const entry of sent) {
    if (!accepted.has(entry.customerCode)) continue;
    next.set(entry.customerCode, entry);
    moved = true;
  }
  return moved ? next : undefined;
};

/**
 * One changed customer, field by field: "before" is what JOOR accepted (when its hash is still the snapshot's),
 * "after" what the file holds (`after`: its values as `customerFields` gives them).
 */
export const changedCustomerOf = (
  customer: { customerCode: string; customerName: string },
  after: FieldValues,
  synced: SyncedFieldsEntry | undefined,
  snapshotHash: string | undefined,
): ChangedCustomer => {
  const base = { customerCode: customer.customerCode, customerName: customer.customerName };
  if (!synced || synced.hash !== snapshotHash) return { ...base, changes: [], beforeUnknown: true };
  return { ...base, changes: fieldChangesOf(synced.fields, after) };
};
