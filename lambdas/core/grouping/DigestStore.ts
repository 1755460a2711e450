import { hash } from 'node:crypto';

/** Bytes kept of each SHA-1 digest: 128 bits make an accidental match between two customers' values negligible. */
const DIGEST_BYTES = 16;
const EMPTY = 0;

/**
 * Fixed-size digests of strings, one slot per index, in a single growing byte array: 16 bytes a digest, where a
 * base64 string costs about 50 and a pointer. A slot never written reads as absent.
 */
export class DigestStore {
  private bytes = new Uint8Array(DIGEST_BYTES * 1024);
  private writtenFlags = new Uint8Array(1024);

  /** Stores the digest of `text` at `index`. */
  set(index: number, text: string): void {
    this.ensure(index);
    this.bytes.set(hash('sha1', text, 'buffer').subarray(0, DIGEST_BYTES), index * DIGEST_BYTES);
    this.writtenFlags[index] = 1;
  }

  has(index: number): boolean {
    return index < this.writtenFlags.length && this.writtenFlags[index] !== EMPTY;
  }

  /** Whether the digest at `index` is the digest of `text`. */
  matches(index: number, text: string): boolean {
    const digest = hash('sha1', text, 'buffer');
    const offset = index * DIGEST_BYTES;
    for (let k = 0; k < DIGEST_BYTES; k += 1) if (this.bytes[offset + k] !== digest[k]) return false;
    return true;
  }

  /** The digest at `index` as text, for building a content hash. */
  toString(index: number): string {
    const offset = index * DIGEST_BYTES;
    return Buffer.from(this.bytes.buffer, this.bytes.byteOffset + offset, DIGEST_BYTES).toString('base64');
  }

  private ensure(index: number): void {
    if (index < this.writtenFlags.length) return;
    let size = this.writtenFlags.length;
    while (size <= index) size *= 2;
    const bytes = new Uint8Array(size * DIGEST_BYTES);
    bytes.set(this.bytes);
    this.bytes = bytes;
    const flags = new Uint8Array(size);
    flags.set(this.writtenFlags);
    this.writtenFlags = flags;
  }
}
