/** What a value is, as named to the operator when it remains (the value itself is never printed). */
export type TraceKind = 'customer code' | 'name' | 'email' | 'phone' | 'address';
/** The kinds in the order they are named. */
/** A record mapped to canonical fields (core/mapping's rows, by field name). */
type MappedRow = Readonly<Record<string, string | undefined>>;

const TRACE_KINDS: readonly TraceKind[] = ['customer code', 'name', 'email', 'phone', 'address'];

/**
 * Personal fields by the names the pipeline's records give them: canonical (`customer_name`, `billing.address_1` in
 * the synced state's fields), camel-cased (the report's `customerName`, the customers' `billing.address1`).
 */
const PERSONAL_FIELDS: Record<string, Exclude<TraceKind, 'customer code'>> = {
  customer_name: 'name',
  customername: 'name',
  address_name: 'name',
  addressname: 'name',
  email: 'email',
  phone: 'phone',
  address_phone: 'phone',
  addressphone: 'phone',
  address_1: 'address',
  address_2: 'address',
  address_3: 'address',
  address1: 'address',
  address2: 'address',
  address3: 'address',
};

/**
 * Values shorter than this are not searched for: a two-letter address line would be found in every file. The
 * customer's code is searched for whatever its length, as a whole word.
 */
const MIN_TRACE_CHARS = 4;

const CODE_FIELDS = ['customerCode', 'customer_code'];

/** A field name as PERSONAL_FIELDS knows it: `shipping[MAIN].address_1` → `address_1`, `customerName` → `customername`. */
const fieldKind = (name: string): TraceKind | undefined => {
  const last = name.slice(name.lastIndexOf('.') + 1);
  return PERSONAL_FIELDS[last] ?? PERSONAL_FIELDS[last.toLowerCase()];
};

const escapeRegExp = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

const escapeHtml = (text: string) =>
  text
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;')
    .replace(/'/g, '&#39;');

/**
 * The erased customers' codes and the personal values found with them while erasing (from the rows of their files and
 * their entries in the pipeline's records): what the search after erasure looks for. A value another customer holds
 * too (a shared phone, the same building) is theirs as much, so it is not searched for: `share` says so.
 */
export class Traces {
  private readonly values = new Map<string, TraceKind>();
  private readonly shared = new Set<string>();
  private readonly codePatterns: { code: string; pattern: RegExp }[];

  constructor(readonly codes: ReadonlySet<string>) {
    this.codePatterns = [...codes].map((code) => ({
      code,
      pattern: new RegExp(`(^|[^A-Za-z0-9_-])${escapeRegExp(code)}($|[^A-Za-z0-9_-])`),
    }));
  }

  /** Whether a record's cells hold one of the codes (quotes and spaces already stripped by the reader). */
  holdsCode(cells: readonly string[]): boolean {
    return cells.some((cell) => this.codes.has(cell.trim()));
  }

  private add(kind: TraceKind, value: string | undefined): void {
    const trimmed = value?.trim();
    if (trimmed && trimmed.length >= MIN_TRACE_CHARS) this.values.set(trimmed, kind);
  }

  /** The personal values of an erased customer's mapped rows. */
  addRows(rows: readonly MappedRow[]): void {
    for (const row of rows)
      for (const [field, value] of Object.entries(row)) {
        const kind = fieldKind(field);
        if (kind) this.add(kind, value);
      }
  }

  /** A kept customer's mapped rows: any of their values also among the erased ones is shared. */
  shareRows(rows: readonly MappedRow[]): void {
    for (const row of rows)
      for (const [field, value] of Object.entries(row))
        if (fieldKind(field) && value && this.values.has(value.trim())) this.shared.add(value.trim());
  }

  /**
   * The personal values inside a pipeline record (JSON) that belongs to one of the customers: its named fields, a
   * rejected row's `value` and a change's `before` and `after` when their `field` is personal.
   */
  addJson(value: unknown, owned = false): void {
    if (Array.isArray(value)) {
      for (const entry of value) this.addJson(entry, owned);
      return;
    }
    if (!value || typeof value !== 'object') return;
    const record = value as Record<string, unknown>;
    const mine =
      owned || CODE_FIELDS.some((field) => this.codes.has(String(record[field] as string | undefined)));
    for (const [key, entry] of Object.entries(record)) {
      if (this.codes.has(key)) this.addJson(entry, true);
      else if (mine && typeof entry === 'string') {
        const kind = fieldKind(key);
        if (kind) this.add(kind, entry);
      } else this.addJson(entry, mine);
    }
    // A rejected row's value, or a changed field's values before and after, when the field is personal.
    const kind = mine && typeof record.field === 'string' ? fieldKind(record.field) : undefined;
    if (kind)
      for (const side of ['value', 'before', 'after'])
        if (typeof record[side] === 'string') this.add(kind, record[side] as string);
  }

  /**
   * A pipeline record read back after erasure: a value of a personal field in an entry that is not the erased
   * customers' is another customer's as well (the synced state keeps every customer's phone long after the files
   * that showed it shared have expired).
   */
  shareJson(value: unknown, owned = false): void {
    if (Array.isArray(value)) {
      for (const entry of value) this.shareJson(entry, owned);
      return;
    }
    if (!value || typeof value !== 'object') return;
    const record = value as Record<string, unknown>;
    const mine =
      owned || CODE_FIELDS.some((field) => this.codes.has(String(record[field] as string | undefined)));
    for (const [key, entry] of Object.entries(record)) {
      if (this.codes.has(key)) continue;
      if (!mine && typeof entry === 'string' && fieldKind(key) && this.values.has(entry.trim()))
        this.shared.add(entry.trim());
      else this.shareJson(entry, mine);
    }
  }

  /** How many values are searched for besides the codes, and how many were left out as shared with others. */
  get counts(): { values: number; shared: number } {
    return { values: this.values.size - this.shared.size, shared: this.shared.size };
  }

  /**
   * What of the customers a text holds. A value is looked for as written, HTML-escaped (the reports) and JSON-escaped
   * (the records), without regard to case; a code as a whole word. Whether a value found is shared with a kept
   * customer is known only once every file has been read: `kindsOf` tells, at the end.
   */
  hitsIn(text: string): Hit[] {
    const hits: Hit[] = this.codePatterns.some(({ pattern }) => pattern.test(text))
      ? [{ kind: 'customer code' }]
      : [];
    const lower = text.toLowerCase();
    for (const [value, kind] of this.values) {
      const forms = [value, escapeHtml(value), JSON.stringify(value).slice(1, -1)];
      if (forms.some((form) => lower.includes(form.toLowerCase()))) hits.push({ kind, value });
    }
    return hits;
  }

  /** The kinds of the hits that are the erased customers' own (a value shared with a kept customer is not). */
  kindsOf(hits: readonly Hit[]): TraceKind[] {
    const kinds = new Set(
      hits.filter((hit) => hit.value === undefined || !this.shared.has(hit.value)).map((h) => h.kind),
    );
    return TRACE_KINDS.filter((kind) => kinds.has(kind));
  }
}

/** One trace found in a text: a code, or one of the customers' values (kept out of what is printed). */
export interface Hit {
  kind: TraceKind;
  value?: string;
}
