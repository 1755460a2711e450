/**
 * What erasing some customers does to each kind of stored object: pure functions over the object's text, which
 * return the text without those customers (the same text when it did not hold them).
 */

/** A JSON record of the pipeline (manifest, batch result, claim, report JSON, snapshot…) without the customers: */
export const scrubJson = (value: unknown, codes: ReadonlySet<string>): unknown => {
  if (Array.isArray(value))
    // a list entry that is one of the codes, or a record of one of them (rejected rows, failures, customers)…
    return value.filter((entry) => !belongsTo(entry, codes)).map((entry) => scrubJson(entry, codes));
  if (value && typeof value === 'object')
    // …and a map entry keyed by one of them (the snapshot's hashes, the manifest's sentHashes).
    return Object.fromEntries(
      Object.entries(value)
        .filter(([key]) => !codes.has(key))
        .map(([key, entry]) => [key, scrubJson(entry, codes)]),
    );
  return value;
};

/**
 * JSON lines (the field values JOOR accepted, kept in chunks beside the snapshot; the values a run sent): a line of
 * one of the customers goes, the others are scrubbed like any record. Returns undefined when a line is not JSON.
 */
export const scrubJsonLines = (text: string, codes: ReadonlySet<string>): string | undefined => {
  const lines = text.split('\n');
  const kept: string[] = [];
  for (const line of lines) {
    if (line.trim() === '') {
      kept.push(line);
      continue;
    }
    let entry: unknown;
    try {
      entry = JSON.parse(line);
    } catch {
      return undefined;
    }
    if (!belongsTo(entry, codes)) kept.push(JSON.stringify(scrubJson(entry, codes)));
  }
  return kept.join('\n');
};

const CODE_FIELDS = ['customerCode', 'customer_code'];

const belongsTo = (entry: unknown, codes: ReadonlySet<string>): boolean =>
  typeof entry === 'string'
    ? codes.has(entry)
    : !!entry &&
      typeof entry === 'object' &&
      CODE_FIELDS.some((field) => codes.has(String((entry as Record<string, unknown>)[field])));

/** Whether a rendered text (a report's HTML, text or CSV) names one of the codes as a whole word. */
export const namesAny = (text: string, codes: ReadonlySet<string>): boolean =>
  [...codes].some((code) =>
    new RegExp(`(^|[^A-Za-z0-9_-])${escapeRegExp(code)}($|[^A-Za-z0-9_-])`).test(text),
  );

const escapeRegExp = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
