/**
 * A small seeded generator (mulberry32): the same seed gives the same sequence, so a fault or crash schedule can be
 * replayed from its seed. Shared by `CUSTOMER_SYNC_FAULTS` and the tests' crash schedules.
 */
export const seededRandom = (seed: number): (() => number) => {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
};
