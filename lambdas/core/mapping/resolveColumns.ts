import { normaliseHeader } from './normaliseHeader.js';
import { ABSENT } from './rowFromCells.js';

/** A column the file does not have: the target column, and how the tenant named it (header name or position). */
export interface MissingColumn {
  target: string;
  source: string | number;
}

export interface ColumnResolution {
  /** `indices[k]` is the cell of `targets[k]`, or ABSENT. */
  indices: Int32Array;
  /** Cell positions some target reads. */
  used: ReadonlySet<number>;
  missing: MissingColumn[];
}

/**
 * Where each target column sits in the file's records. `sources` gives, per target, the tenant's header name or
 * 1-based position; without a header, names cannot be found. `byPosition` reads column k as target k (the standard
 * templates without a header).
 */
export const resolveColumns = (
  targets: readonly string[],
  sources: ReadonlyMap<string, string | number>,
  header: string[] | undefined,
  byPosition: boolean,
): ColumnResolution => {
  const headerIndex = new Map<string, number>();
  header?.forEach((cell, index) => {
    headerIndex.set(normaliseHeader(cell), index);
  });
  const indices = new Int32Array(targets.length).fill(ABSENT);
  const used = new Set<number>();
  const missing: MissingColumn[] = [];
  targets.forEach((target, k) => {
    const source = byPosition ? k + 1 : sources.get(target);
    if (source === undefined) return;
    const index =
      typeof source === 'number' ? source - 1 : (headerIndex.get(normaliseHeader(source)) ?? ABSENT);
    if (index === ABSENT) missing.push({ target, source });
    else {
      indices[k] = index;
      used.add(index);
    }
  });
  return { indices, used, missing };
};
