/** A list of 32-bit integers in one typed array: 4 bytes an entry, where a plain array of numbers costs 8 or more. */
export class GrowableIntArray {
  private data: Int32Array;
  length = 0;

  constructor(initialCapacity = 1024) {
    this.data = new Int32Array(initialCapacity);
  }

  push(value: number): void {
    if (this.length === this.data.length) {
      const larger = new Int32Array(this.data.length * 2);
      larger.set(this.data);
      this.data = larger;
    }
    this.data[this.length++] = value;
  }

  set(index: number, value: number): void {
    this.data[index] = value;
  }

  at(index: number): number {
    return this.data[index]!;
  }
}
