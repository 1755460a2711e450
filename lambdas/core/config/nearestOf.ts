/**
 * Edit distance (Levenshtein: insertions, deletions, substitutions) between two strings, in code units. Two rows of
 * numbers: the words compared here are config keys and short codes.
 */
export const editDistance = (a: string, b: string): number => {
  let previous = Array.from({ length: b.length + 1 }, (_, k) => k);
  for (let i = 1; i <= a.length; i += 1) {
    const current = [i];
    for (let j = 1; j <= b.length; j += 1) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      current[j] = Math.min(previous[j]! + 1, current[j - 1]! + 1, previous[j - 1]! + cost);
    }
    previous = current;
  }
  return previous[b.length]!;
};

/**
 * The candidate closest to `word` (case ignored) when it is close enough to be what was meant: at most a third of
 * the word's letters apart, and two for short words; `undefined` otherwise, or when two candidates are equally close.
 *
 * @example
 * nearestOf('massDropTreshold', ['massDropThreshold', 'bulkSize']) // 'massDropThreshold'
 * nearestOf('colour', ['delimiter', 'header']) // undefined
 */
export const nearestOf = (word: string, candidates: readonly string[]): string | undefined => {
  const lower = word.toLowerCase();
  const limit = Math.max(2, Math.floor(word.length / 3));
  let best: string | undefined;
  let bestDistance = Number.POSITIVE_INFINITY;
  let tied = false;
  for (const candidate of candidates) {
    const distance = editDistance(lower, candidate.toLowerCase());
    if (distance < bestDistance) {
      best = candidate;
      bestDistance = distance;
      tied = false;
    } else if (distance === bestDistance) tied = true;
  }
  return bestDistance <= limit && !tied ? best : undefined;
};
