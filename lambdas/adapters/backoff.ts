/** Exponential back-off with full jitter (AWS Architecture Blog): a random wait up to base × 2^attempt, capped. */
export const backoffDelay = (
  attempt: number,
  baseMs: number,
  capMs: number,
  random: () => number = Math.random,
): number => Math.floor(random() * Math.min(capMs, baseMs * 2 ** attempt));
