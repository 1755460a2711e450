/**
 * A 53-bit hash of a short text (cyrb53, public domain): enough to tell apart the few address codes of one customer
 * (two different codes of one customer agree with odds of 1 in 2⁵³), for 8 bytes instead of the string.
 */
export const shortHashOf = (text: string): number => {
  let h1 = 0xdeadbeef;
  let h2 = 0x41c6ce57;
  for (let k = 0; k < text.length; k += 1) {
    const unit = text.charCodeAt(k);
    h1 = Math.imul(h1 ^ unit, 2654435761);
    h2 = Math.imul(h2 ^ unit, 1597334677);
  }
  h1 = Math.imul(h1 ^ (h1 >>> 16), 2246822507);
  h1 ^= Math.imul(h2 ^ (h2 >>> 13), 3266489909);
  h2 = Math.imul(h2 ^ (h2 >>> 16), 2246822507);
  h2 ^= Math.imul(h1 ^ (h1 >>> 13), 3266489909);
  return 4294967296 * (2097151 & h2) + (h1 >>> 0);
};
