import { UNIT_SEPARATOR } from './customerText.js';

/** A value of a code field that no table and no reference list knows, and how many rows carry it. */
export interface UnknownValue {
  field: string;
  value: string;
  rows: number;
}

/** Distinct values kept per file: enough to fill a table from, bounded whatever the file holds. */
export const MAX_UNKNOWN_VALUES = 1000;

/** Counts the rows carrying each unknown value, once per field and value. */
export class UnknownValues {
  private readonly counts = new Map<string, UnknownValue>();
  /** Rows whose unknown value came after the first `MAX_UNKNOWN_VALUES` distinct ones. */
  unlistedRows = 0;

  count(field: string, value: string): void {
    const key = `${field}${UNIT_SEPARATOR}${value}`;
    const entry = this.counts.get(key);
    if (entry) entry.rows += 1;
    else if (this.counts.size < MAX_UNKNOWN_VALUES) this.counts.set(key, { field, value, rows: 1 });
    else this.unlistedRows += 1;
  }

  /** By field, then the most rows first. */
  list(): UnknownValue[] {
    return [...this.counts.values()].sort(
      (a, b) => a.field.localeCompare(b.field) || b.rows - a.rows || a.value.localeCompare(b.value),
    );
  }
}
