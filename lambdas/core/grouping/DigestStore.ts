import { hash } from 'node:crypto';

/** 32-bit words kept of each SHA-1 digest: 128 bits make an accidental match between two values negligible. */
const WORDS = 4;
const INITIAL_SLOTS = 1024;
const BYTE = 8;

/**
 * `'binary'` (latin1) output, one byte per character: about 0.35 µs a digest on Node 22, where `'buffer'` output
 * allocates an ArrayBuffer each call and costs about 2 µs.
 */
const digestOf = (text: string): string => hash('sha1', text, 'binary');

const wordOf = (digest: string, word: number): number => {
  const at = word * 4;
  return (
    ((digest.charCodeAt(at) << (3 * BYTE)) |
      (digest.charCodeAt(at + 1) << (2 * BYTE)) |
      (digest.charCodeAt(at + 2) << BYTE) |
      digest.charCodeAt(at + 3)) >>>
    0
  );
};

/**
 * Fixed-size digests of strings, one slot per index, in a single growing typed array: 16 bytes a slot, where a
 * string costs about 40 and a pointer. A slot is either set to one text's digest or is the sum of several texts'
 * digests (word by word, modulo 2³²): a sum does not depend on the order the texts came in, so a customer's
 * addresses can be folded in as their rows arrive, in any order, without being kept.
 */
export class DigestStore {
  private words = new Uint32Array(WORDS * INITIAL_SLOTS);
  private writtenFlags = new Uint8Array(INITIAL_SLOTS);

  /** Stores the digest of `text` at `index`. */
  set(index: number, text: string): void {
    this.ensure(index);
    const digest = digestOf(text);
    const offset = index * WORDS;
    for (let w = 0; w < WORDS; w += 1) this.words[offset + w] = wordOf(digest, w);
    this.writtenFlags[index] = 1;
  }

  /** Adds the digest of `text` to the slot at `index` (an absent slot counts as zero). */
  add(index: number, text: string): void {
    this.ensure(index);
    const digest = digestOf(text);
    const offset = index * WORDS;
    for (let w = 0; w < WORDS; w += 1)
      this.words[offset + w] = (this.words[offset + w]! + wordOf(digest, w)) >>> 0;
    this.writtenFlags[index] = 1;
  }

  has(index: number): boolean {
    return index < this.writtenFlags.length && this.writtenFlags[index] === 1;
  }

  /** Whether the slot at `index` holds the digest of `text`. */
  matches(index: number, text: string): boolean {
    const digest = digestOf(text);
    const offset = index * WORDS;
    for (let w = 0; w < WORDS; w += 1) if (this.words[offset + w] !== wordOf(digest, w)) return false;
    return true;
  }

  /** The slot at `index` plus the slot at the same index of `other`, as 22 base64url characters. */
  sumWith(index: number, other: DigestStore): string {
    const bytes = Buffer.allocUnsafe(WORDS * 4);
    for (let w = 0; w < WORDS; w += 1)
      bytes.writeUInt32BE((this.word(index, w) + other.word(index, w)) >>> 0, w * 4);
    return bytes.toString('base64url');
  }

  private word(index: number, w: number): number {
    return index < this.writtenFlags.length ? this.words[index * WORDS + w]! : 0;
  }

  private ensure(index: number): void {
    if (index < this.writtenFlags.length) return;
    let size = this.writtenFlags.length;
    while (size <= index) size *= 2;
    const words = new Uint32Array(size * WORDS);
    words.set(this.words);
    this.words = words;
    const flags = new Uint8Array(size);
    flags.set(this.writtenFlags);
    this.writtenFlags = flags;
  }
}
